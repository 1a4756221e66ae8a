// The site's own content checks (staff/content_checks.py), registered on Wagtail's userbar
// before it runs axe, which it does once the page has loaded. Each returns true to pass.
const VAGUE_LINK_TEXT = new Set([
  'click here',
  'click',
  'here',
  'read more',
  'more',
  'learn more',
  'find out more',
  'more information',
  'this link',
  'link',
  'this page',
  'go',
]);

const words = (text) =>
  text
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.,:;!?…»›→-]+|[\s.,:;!?…»›→-]+$/g, '');

// The link's words, as a screen reader says them: its label if it has one.
const linkTextSaysWhere = (node) => {
  // A publication's citation ends with its address, as a citation should.
  if (node.closest('.cite__reference')) return true;
  const text = words(node.getAttribute('aria-label') || node.textContent || '');
  if (!text) return true; // an empty link is Wagtail's own "link-name" rule
  if (VAGUE_LINK_TEXT.has(text)) return false;
  // A bare address: "https://...", "www...." or an email address alone.
  return !/^(https?:\/\/|www\.)\S+$|^\S+@\S+\.\S+$/.test(text);
};

const tableHasHeaderRow = (node) => node.querySelector('th') !== null;

const userbar = document.querySelector('wagtail-userbar');
if (userbar && userbar.registerCheck) {
  userbar.registerCheck('check-link-text-says-where', linkTextSaysWhere);
  userbar.registerCheck('check-table-has-header-row', tableHasHeaderRow);
}
