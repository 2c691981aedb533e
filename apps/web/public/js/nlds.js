// NL Design System: the component class of each element the screens build (js/dom.js el()
// asks here), so that every button, field and table wears the Utrecht component classes and a
// municipality's design tokens reach it, without each screen naming them. The app's own class
// names stay beside them for its layout (and for the tests).

const TEXTBOX = 'utrecht-textbox utrecht-textbox--html-input';
const INPUTS = {
  radio: 'utrecht-radio-button utrecht-radio-button--html-input',
  checkbox: 'utrecht-checkbox utrecht-checkbox--html-input',
  hidden: '',
  file: '',
};

const BY_TAG = {
  select: 'utrecht-select utrecht-select--html-select',
  textarea: 'utrecht-textarea utrecht-textarea--html-textarea',
  label: 'utrecht-form-label',
  fieldset: 'utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset',
  legend: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend',
  table: 'utrecht-table',
  caption: 'utrecht-table__caption',
  thead: 'utrecht-table__header',
  tbody: 'utrecht-table__body',
  tfoot: 'utrecht-table__footer',
  tr: 'utrecht-table__row',
  th: 'utrecht-table__header-cell',
  td: 'utrecht-table__cell',
  h1: 'utrecht-heading-1',
  h2: 'utrecht-heading-2',
  h3: 'utrecht-heading-3',
};

/** The app's own button kinds (class names the screens use) as Utrecht button appearances. */
function buttonClasses(own) {
  if (own.includes('link-button')) return 'utrecht-link-button utrecht-link-button--html-button';
  if (own.includes('secondary')) return 'utrecht-button utrecht-button--secondary-action';
  if (own.includes('danger')) return 'utrecht-button utrecht-button--primary-action utrecht-button--danger';
  return 'utrecht-button utrecht-button--primary-action';
}

/** The NL Design System classes for a new element, from its tag and attributes ('' if none). */
export function componentClasses(tag, attrs) {
  const own = String(attrs.class ?? '').split(/\s+/);
  if (tag === 'button') return buttonClasses(own);
  if (tag === 'a') {
    return own.includes('button')
      ? 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action'
      : 'utrecht-link utrecht-link--html-a';
  }
  if (tag === 'input') return INPUTS[attrs.type] ?? TEXTBOX;
  return BY_TAG[tag] ?? '';
}
