/**
 * The stylesheet is plain CSS, and a mistake in it is silent: a rule left open swallows every rule after it, an
 * unknown property or a bad colour is dropped, and the pages still render. Only rules that catch such errors are on;
 * the layout of the file is left as it is written.
 */
export default {
  extends: ['stylelint-config-recommended'],
  rules: {
    'color-no-invalid-hex': true,
    // No rule inside a rule: the file does not nest, so one there means a brace went missing above it.
    'max-nesting-depth': 0,
    // The file is ordered by feature, not by specificity; rules for different components only look related.
    'no-descending-specificity': null,
    // `.visually-hidden` is the long-standing pattern built on `clip`, which every browser still honours; moving it to
    // `clip-path` would be a change to check with screen readers, not a lint fix.
    'property-no-deprecated': [true, { ignoreProperties: ['clip'] }],
  },
};
