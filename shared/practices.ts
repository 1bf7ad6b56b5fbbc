// The ten practices of emotional connection that Tandem partners rate themselves on each week.
// Pure data: no DOM or Node APIs, safe to share between client and server.

import type { PracticeId } from './practice-ids';

export { PRACTICE_IDS, isPracticeId, type PracticeId } from './practice-ids';

export interface Practice {
  id: PracticeId;
  name: string;
  /** A word or two, for chart axes and narrow screens. */
  shortName: string;
  summary: string;
  inDailyLife: string;
  whyItMatters: string;
  exercises: { title: string; steps: string; minutes: number }[];
  reflectionQuestion: string;
  scale: { low: string; middle: string; high: string };
}

export const PRACTICES: readonly Practice[] = [
  {
    id: 'communication',
    name: 'Genuine communication',
    shortName: 'Communication',
    summary: 'Talking about what is really on your minds, and listening until the other feels understood.',
    inDailyLife:
      "Most of what couples say to each other in a week is about plans, errands and who picks up whom. Genuine communication is the part that goes past that: telling each other what you are thinking about, worried about or looking forward to. It looks like asking a real question and then waiting for the whole answer, without planning your reply or finishing the other's sentence. It can happen in five minutes in the kitchen as easily as in a long evening talk.",
    whyItMatters:
      'Almost every other practice here depends on this one, because you cannot meet needs, build trust or offer empathy without knowing what is going on inside each other. When you both feel listened to, hard topics get easier to raise before they grow. It also keeps you curious about who your partner is becoming, not only who they were when you met.',
    exercises: [
      {
        title: 'High, low and wish',
        steps:
          'At dinner on three evenings this week, each of you names the best moment of your day, the hardest one, and one thing you wish for tomorrow. The other listens and asks one follow-up question before sharing their own.',
        minutes: 10,
      },
      {
        title: 'The two-minute turn',
        steps:
          'Set a timer for two minutes and let one of you talk about anything on their mind while the other only listens, without interrupting or advising. Then summarise what you heard in a sentence or two, and swap.',
        minutes: 8,
      },
      {
        title: 'A question jar',
        steps:
          'Each of you writes five open questions you would genuinely like your partner to answer, folds them and puts them in a jar or bowl. Twice this week, draw one at random and answer it over tea.',
        minutes: 15,
      },
      {
        title: 'No-logistics walk',
        steps:
          'Take a short walk together with one rule: no talk about schedules, chores or money. If you catch yourselves drifting back to logistics, smile and pick a new topic.',
        minutes: 20,
      },
    ],
    reflectionQuestion: 'What did you want to tell your partner this week but did not find the moment for?',
    scale: {
      low: 'I mostly talked about logistics and kept what was really on my mind to myself.',
      middle: 'I shared some of what I was thinking, but I often half-listened or rushed the conversation.',
      high: 'I spoke openly about what mattered to me and listened fully, without interrupting.',
    },
  },
  {
    id: 'vulnerability',
    name: 'Emotional vulnerability',
    shortName: 'Vulnerability',
    summary: 'Letting your partner see your worries, hopes and soft spots, not only the version that has it together.',
    inDailyLife:
      'Vulnerability is usually quiet. It sounds like saying that a meeting made you feel small, that you are nervous about a visit to your parents, or that you still hope to try something you gave up on years ago. It means letting your partner see you unsure, without turning it into a joke straight away. Some weeks it is one honest sentence, and that counts.',
    whyItMatters:
      'Being known includes the parts you usually keep hidden, and closeness grows when those parts are met with care. When one of you opens up, it quietly gives the other permission to do the same. Over time, this is how two people stop performing for each other and start simply being themselves together.',
    exercises: [
      {
        title: 'One thing I have not said',
        steps:
          "Finish the sentence 'Something I have been carrying this week is...' and say it to your partner. They respond only with 'Thank you for telling me' and a question, not advice.",
        minutes: 10,
      },
      {
        title: 'Hopes on paper',
        steps:
          'Each of you writes down one hope for the next year that you have not said out loud, then read them to each other. Talk about what makes that hope feel a little risky to name.',
        minutes: 15,
      },
      {
        title: 'The honest weather report',
        steps:
          "Before bed on two nights, describe your inner state as weather, such as 'foggy with a chance of worry', and say one sentence about why. No fixing, just hearing it.",
        minutes: 5,
      },
    ],
    reflectionQuestion: 'What is one feeling you held back this week, and what made it hard to share?',
    scale: {
      low: 'I kept my worries and hopes to myself and showed only the composed version of me.',
      middle: 'I opened up about a few things but held back the parts that felt most tender.',
      high: 'I let my partner see how I really felt, including the uncertain and tender parts.',
    },
  },
  {
    id: 'presence',
    name: 'Being present and mindful',
    shortName: 'Presence',
    summary: 'Giving your partner your full attention when you are together, with screens and other worries set aside.',
    inDailyLife:
      'Presence is the difference between being in the same room and actually being with each other. It looks like putting your phone face down when your partner starts talking, turning away from the laptop, and noticing their face and tone as well as their words. It can be as small as looking up when they come through the door. On a busy week, even a few fully attentive minutes a day make a difference.',
    whyItMatters:
      'Attention is one of the clearest ways to show someone they matter, and its absence is felt just as clearly. When you notice how your partner is really doing, you catch small shifts in mood before they become distance. Being fully there also makes ordinary moments feel like time spent together rather than time spent near each other.',
    exercises: [
      {
        title: 'Phone-free walk',
        steps:
          'Go for a ten-minute walk together and leave both phones at home, or switched off in a pocket. The only rule is to notice three things around you and mention them to each other.',
        minutes: 10,
      },
      {
        title: 'A basket by the door',
        steps:
          'Pick one evening this week when both phones go into a basket from dinner until an agreed time. Spend that time on anything you can do together without a screen.',
        minutes: 90,
      },
      {
        title: 'First five minutes',
        steps:
          'When one of you gets home, give each other the first five minutes: stop what you are doing, make eye contact, and ask how the day felt, not only what happened.',
        minutes: 5,
      },
      {
        title: 'Notice one thing',
        steps:
          "Once a day, notice something about your partner's mood from their face or voice and gently name it, for example 'You seem tired tonight'. Let them correct you if you are wrong.",
        minutes: 3,
      },
    ],
    reflectionQuestion: 'When this week did you feel most fully with your partner, and what made that possible?',
    scale: {
      low: 'I was often distracted by my phone or my thoughts when we were together.',
      middle: 'I gave my full attention some of the time, but screens and worries often pulled me away.',
      high: 'I set distractions aside and was truly with my partner when we spent time together.',
    },
  },
  {
    id: 'shared-experiences',
    name: 'Shared experiences that matter',
    shortName: 'Shared moments',
    summary: 'Doing things together that mean something to both of you, and building a story you share.',
    inDailyLife:
      'Shared experiences do not need to be big or expensive. They can be cooking a dish neither of you has tried, helping at a local food bank, or finding a new bench in the park to watch the sunset from. What matters is that you are doing it side by side and that it means something to both of you, not just filling time. Talking about it afterwards is part of the experience too.',
    whyItMatters:
      'The things you live through together become the memories you return to, and they give you a history that belongs to the two of you. Trying something new side by side also lets you see each other in a fresh light. When life gets heavy, those shared stories are a reminder of why you chose each other.',
    exercises: [
      {
        title: 'Something new for both',
        steps:
          'Each of you suggests one small thing neither of you has done before, like a new recipe, a trail or a class. Pick one and do it together before the week is out.',
        minutes: 60,
      },
      {
        title: 'Take turns choosing',
        steps:
          'One of you plans an hour around something they love and invites the other in, explaining why it matters to them. Next week, swap roles.',
        minutes: 60,
      },
      {
        title: 'Memory of the week',
        steps:
          'On Sunday, each of you picks one moment from the week you spent together and says why it stuck with you. Write both down in a shared note you can look back on.',
        minutes: 10,
      },
    ],
    reflectionQuestion: 'What is something you would love to do together that you have not yet suggested?',
    scale: {
      low: 'I did not make time for anything meaningful together this week.',
      middle: 'I spent time with my partner, but I put little thought into making it matter to us both.',
      high: 'I made room for something we both cared about and was fully part of it.',
    },
  },
  {
    id: 'emotional-needs',
    name: "Understanding each other's emotional needs",
    shortName: 'Needs',
    summary: 'Learning what makes your partner feel cared for, which may not be what works for you.',
    inDailyLife:
      'People feel loved in different ways: some through kind words, some through touch, some through time together, help with a chore, or a small thoughtful gift. In an ordinary week, this practice looks like doing the thing your partner appreciates rather than the thing you would want. It also means saying clearly what you need, instead of hoping your partner will guess. Needs change with stress and seasons, so it helps to ask again now and then.',
    whyItMatters:
      'It is easy to give care in your own style and wonder why it does not land. When you understand what actually helps your partner feel secure, your effort reaches them. Feeling understood in this way builds a calm sense that you are in good hands with each other.',
    exercises: [
      {
        title: 'Three ways I feel cared for',
        steps:
          "Each of you writes down three specific, recent moments when you felt cared for by the other, then share the lists. Look for the pattern in your partner's list and do one thing like it this week.",
        minutes: 15,
      },
      {
        title: 'Ask, do not guess',
        steps:
          "Once this week, when your partner seems stressed, ask 'Would it help more if I listened, helped with something, or gave you some space?' and do what they choose.",
        minutes: 5,
      },
      {
        title: 'A need in one sentence',
        steps:
          "Each of you names one thing you would like more of right now in a single, kind sentence, starting with 'It would mean a lot to me if...'. Agree on one small way to meet each before the weekend.",
        minutes: 10,
      },
    ],
    reflectionQuestion: 'What helped you feel cared for this week, and does your partner know it?',
    scale: {
      low: 'I showed care in my own way without thinking about what my partner needed.',
      middle: 'I paid some attention to what my partner needs, but I also guessed or assumed at times.',
      high: 'I asked about and acted on what helps my partner feel cared for, and shared my own needs clearly.',
    },
  },
  {
    id: 'trust',
    name: 'Building trust, gradually and consistently',
    shortName: 'Trust',
    summary: 'Doing what you said you would, being honest, and being someone your partner can rely on.',
    inDailyLife:
      'Trust is built from small, repeated moments far more than from big gestures. It looks like calling when you said you would, being honest about where you are and how you feel, and following through on the little promises as well as the large ones. When you cannot keep a promise, it means saying so early instead of letting it quietly slide. Week by week, these moments add up to a partner who knows they can count on you.',
    whyItMatters:
      'Together with honest conversation, trust is the ground the other practices stand on. When you feel safe with each other, opening up and admitting mistakes become possible. Trust takes time to grow and can be shaken quickly, which is why the ordinary, consistent moments matter so much.',
    exercises: [
      {
        title: 'A promise ledger',
        steps:
          'Keep a shared note where each of you writes down the small things you said you would do this week. On Sunday, look at it together without judgement and notice what got done and what got in the way.',
        minutes: 10,
      },
      {
        title: 'Say it early',
        steps:
          'This week, if you realise you cannot keep a plan or a promise, tell your partner as soon as you know, with a short reason and a new suggestion.',
        minutes: 5,
      },
      {
        title: 'One honest admission',
        steps:
          'Share one small thing you got wrong recently, something you have not mentioned yet, and what you would do differently. Your partner simply thanks you for telling them.',
        minutes: 10,
      },
    ],
    reflectionQuestion: 'What is one thing your partner did recently that made you feel you can rely on them?',
    scale: {
      low: 'I let promises slide or was less than honest about how I was doing.',
      middle: 'I kept most of my word, but a few things slipped without me saying so.',
      high: 'I followed through on what I said and was open and honest throughout the week.',
    },
  },
  {
    id: 'empathy',
    name: 'Empathy, not just sympathy',
    shortName: 'Empathy',
    summary: 'Trying to understand how something feels from the inside for your partner, not just feeling sorry.',
    inDailyLife:
      "When your partner has a hard day, sympathy says 'That's a shame' and moves on. Empathy slows down and tries to imagine what the day actually felt like for them. It looks like asking what the hardest part was, reflecting back what you hear, and resisting the urge to fix, compare or cheer them up straight away. Sometimes it just means sitting beside them and saying 'That sounds really heavy.'",
    whyItMatters:
      'Feeling understood takes the edge off loneliness in a way that advice rarely does. When your partner senses that you are trying to feel it alongside them, they are more likely to bring you their struggles next time. Empathy also softens disagreements, because you are both trying to understand before being understood.',
    exercises: [
      {
        title: 'What was the hardest part',
        steps:
          "The next time your partner tells you about something difficult, ask 'What was the hardest part of that for you?' and listen to the whole answer before saying anything about yourself.",
        minutes: 10,
      },
      {
        title: 'Name the feeling back',
        steps:
          "When your partner shares something, try to name the feeling you hear, such as 'It sounds like you felt left out', and ask whether you got it right. Adjust if they correct you.",
        minutes: 5,
      },
      {
        title: 'Their week, from their side',
        steps:
          "Each of you writes a short paragraph describing your partner's week from their point of view: what was demanding, what they were hoping for. Read them aloud and let each other fill in what you missed.",
        minutes: 20,
      },
    ],
    reflectionQuestion: 'When did you feel truly understood by your partner this week, and what did they do?',
    scale: {
      low: 'I jumped to advice or moved on quickly when my partner was struggling.',
      middle: 'I tried to understand at times, but I often reached for solutions or comparisons.',
      high: 'I slowed down and made a real effort to feel what my partner was going through.',
    },
  },
  {
    id: 'celebration',
    name: "Celebrating each other's growth",
    shortName: 'Celebration',
    summary: 'Noticing what your partner is working toward and being genuinely glad with them, big steps and small.',
    inDailyLife:
      'Celebrating growth is about noticing. It looks like remembering that your partner had a difficult conversation at work and asking how it went, being glad when they finish a project, or pointing out that they handled something calmly that used to unsettle them. It includes encouraging the things they are still learning, not only praising what is done. Small acknowledgements count just as much as big occasions.',
    whyItMatters:
      'Knowing your partner sees your effort and is glad for you makes the relationship feel like a place where you can keep growing. When you celebrate each other, success does not become a competition between you. It also keeps you in touch with who your partner is becoming.',
    exercises: [
      {
        title: 'A win, however small',
        steps:
          "At the end of the week, each of you names one thing the other did well or worked hard at, and says specifically what you noticed. Keep it concrete, like 'You stayed patient on that long call'.",
        minutes: 10,
      },
      {
        title: 'Ask about the goal',
        steps:
          'Ask your partner about one thing they are working on right now, how it is going and what would help. Offer one small, practical form of support and follow through.',
        minutes: 15,
      },
      {
        title: 'A note they find later',
        steps:
          'Write a short note about something you admire in how your partner has grown this year and leave it where they will find it, in a bag, a book or by the kettle.',
        minutes: 10,
      },
    ],
    reflectionQuestion:
      'What is something your partner has grown in lately that you have not yet told them you noticed?',
    scale: {
      low: "I barely noticed or mentioned my partner's efforts and successes.",
      middle: 'I acknowledged some of what my partner did, but often in passing.',
      high: "I noticed my partner's efforts, told them specifically, and supported what they are working on.",
    },
  },
  {
    id: 'rituals',
    name: 'Rituals of connection',
    shortName: 'Rituals',
    summary: 'Small, regular moments that belong to the two of you and keep you close on ordinary days.',
    inDailyLife:
      'Rituals are the small things you do together on purpose and on repeat. They might be a short check-in after work, a hug before either of you leaves the house, reading side by side on Sunday mornings, or a favourite meal on the first Friday of each month. They work best when they are simple enough to survive a busy week. The point is not the activity itself but the steady signal that you make time for each other.',
    whyItMatters:
      'Life tends to fill every gap, and connection that depends on spare time tends to get squeezed out. Rituals give closeness a regular place to happen without needing to be planned each time. Over months, they become part of what home feels like for both of you.',
    exercises: [
      {
        title: 'Pick one small ritual',
        steps:
          'Together, choose one tiny daily ritual to try this week, such as a six-second hug at the door or sitting together for the first sip of the evening drink. Agree when it happens and keep it going for seven days.',
        minutes: 5,
      },
      {
        title: 'Sunday look-ahead',
        steps:
          'On Sunday evening, sit together for fifteen minutes and each share what you are looking forward to and what you are dreading in the week ahead. End by choosing one moment to protect for each other.',
        minutes: 15,
      },
      {
        title: 'Lights-out line',
        steps:
          "Before sleep each night, each of you says one sentence starting with 'Today I liked...' about the day or about each other. Keep it short, even when you are tired.",
        minutes: 2,
      },
    ],
    reflectionQuestion: 'Which small moment you share regularly would you miss most if it stopped, and why?',
    scale: {
      low: 'I let our regular moments together slip this week.',
      middle: 'I kept some of our routines going, but often on autopilot or in a rush.',
      high: 'I showed up for our rituals and gave them real attention, even on busy days.',
    },
  },
  {
    id: 'patience',
    name: 'Patience: giving it time',
    shortName: 'Patience',
    summary:
      'Allowing closeness to grow at its own pace, and being gentle with yourself and your partner along the way.',
    inDailyLife:
      'Patience shows up when a conversation does not go well and you decide to try again tomorrow rather than give up on it. It looks like letting your partner take time to open up about something, and not expecting one good week to change everything. It also means being kind to yourself when you fall back into old habits. Noticing small signs of progress is part of this practice.',
    whyItMatters:
      'Closeness grows slowly and unevenly, with good weeks and hard ones. Expecting quick results can turn every setback into a verdict on the relationship. Patience keeps you both willing to keep trying, and makes it safe to grow at different speeds.',
    exercises: [
      {
        title: 'Name a small step',
        steps:
          "On Sunday, each of you names one small way you have grown closer in the last month, however modest. Say it out loud, without adding 'but'.",
        minutes: 10,
      },
      {
        title: 'A gentle pause',
        steps:
          "Agree on a word either of you can use when a conversation is getting tense, meaning 'let's pause and come back to this'. If you use it, name a time within a day to return to the topic.",
        minutes: 5,
      },
      {
        title: 'Give it a second try',
        steps:
          'Pick one conversation or plan that did not go the way you hoped recently and try it again this week, with more time and less pressure on the outcome.',
        minutes: 20,
      },
    ],
    reflectionQuestion: 'Where could you be a little gentler with yourself or your partner right now?',
    scale: {
      low: 'I was impatient with my partner or myself and expected things to change quickly.',
      middle: 'I was patient some of the time, but I got frustrated when things felt slow.',
      high: 'I gave us room to grow at our own pace and was gentle with both of us.',
    },
  },
];

export const PRACTICES_BY_ID: Readonly<Record<PracticeId, Practice>> = Object.freeze(
  Object.fromEntries(PRACTICES.map((practice) => [practice.id, practice])) as Record<PracticeId, Practice>,
);
