// Records the page's article-widget:error events for the test (tests/e2e/hostile-page.test.mjs).
window.awErrors = [];
document.addEventListener("article-widget:error", (e) => {
  window.awErrors.push({ id: e.target.id, kind: e.detail.kind, message: e.detail.message });
});
