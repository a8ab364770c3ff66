// A page script mounting an article from the page's own origin, which data-sources leaves out.
addEventListener("load", () => {
  window.manualMount = window.ArticleWidget.mount(document.getElementById("manual"), { src: "/www/article.json?manual" }).then(
    () => "ok",
    (e) => e.name + ": " + e.message
  );
});
