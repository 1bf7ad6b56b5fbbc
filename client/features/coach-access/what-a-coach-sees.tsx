/** The plain statement shown before anyone shares their data with a coach. */
export function WhatACoachSees() {
  return (
    <div className="coach-sees">
      <div>
        <h3>A coach you invite sees</h3>
        <ul>
          <li>both of your weekly ratings and the charts made from them</li>
          <li>this week's suggested practice and why it was suggested</li>
          <li>the focuses you have adopted</li>
          <li>reflections you chose to share with your coach</li>
          <li>
            for a questionnaire they ask you to answer: each of your scores and your answer to every item. Your partner
            sees your scores only if the coach chose to show them to you both, and never your answers to the items
          </li>
          <li>
            if they ask for it, a Monday overview by email naming the couples who may need attention, and why in a few
            words (no ratings, notes or practices)
          </li>
        </ul>
      </div>
      <div>
        <h3>A coach never sees</h3>
        <ul>
          <li>the private notes on your check-ins</li>
          <li>reflections you kept private or shared only with your partner</li>
          <li>a rating from this week until you have both checked in</li>
          <li>your answers to a questionnaire for a period until you have both answered it, or the period has ended</li>
        </ul>
      </div>
    </div>
  );
}
