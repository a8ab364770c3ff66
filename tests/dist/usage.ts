// A partner's TypeScript using the widget's global API, type-checked with `tsc --noEmit
// --strict` against the declarations of the installed npm package (cargo xtask test). The
// `@ts-expect-error` lines must be errors: if the declarations went lax (`any`), tsc fails on
// them as unused.
import type { ErrorDetail, MountOptions, Script } from "article-widget";

async function embed(element: HTMLElement): Promise<void> {
  const options: MountOptions = {
    src: "https://publisher.example/news/2025/nanyang.json",
    locale: "zh-Hant",
    script: "auto",
    quoteMarks: true,
    timeoutMs: 10_000,
    excerpt: 2,
    structuredData: true,
  };
  await ArticleWidget.ready;
  await window.ArticleWidget.mount(element, options);
  const version: string = ArticleWidget.version;
  console.log(version, await ArticleWidget.mountedCount());

  element.addEventListener("article-widget:load", (e) => {
    const headline: string = e.detail.headline;
    const src: string | null = e.detail.src;
    console.log(headline, src, e.detail.inLanguage);
  });
  element.addEventListener("article-widget:error", (e) => {
    const detail: ErrorDetail = e.detail;
    if (detail.kind === "http" && detail.status !== null) {
      console.warn(`HTTP ${detail.status}: ${detail.message}`);
    }
  });
  document.addEventListener("article-widget:script", (e) => {
    const script: Script = e.detail.script;
    const config: string | null = e.detail.config;
    console.log(script, config);
  });

  await ArticleWidget.setScript("hant-tw");
  const was: boolean = await ArticleWidget.unmount(element);
  console.log(was);

  // @ts-expect-error: not an option (the loader rejects it too)
  await ArticleWidget.mount(element, { scr: "https://publisher.example/a.json" });
  // @ts-expect-error: not a script
  await ArticleWidget.setScript("zh-CN");
  // @ts-expect-error: excerpt is a number of paragraphs
  await ArticleWidget.mount(element, { src: "/a.json", excerpt: "2" });
  // @ts-expect-error: quoteMarks is a boolean
  await ArticleWidget.mount(element, { src: "/a.json", quoteMarks: "yes" });
  element.addEventListener("article-widget:load", (e) => {
    // @ts-expect-error: a load event has no kind
    console.log(e.detail.kind);
  });
}

const host = document.querySelector<HTMLElement>("article-widget");
if (host) {
  void embed(host);
}
