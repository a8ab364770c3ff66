//! `SwitchingArticle`: a loaded article with the script control. It follows the page-wide
//! choice (`crate::store`) or the widget's default, and converts through the host's backend.

use std::rc::Rc;

use article_convert::{ConvertOptions, Script, ScriptDefault};
use article_model::Article;
use yew::prelude::*;

use super::control::ScriptControl;
use super::states::loading_view;
use super::view::{ArticleView, ImageOptions};
use crate::backend::{BackendHandle, Conversion};
use crate::labels;
use crate::platform;
use crate::store;

/// Properties of [`SwitchingArticle`].
#[derive(Properties, Clone, PartialEq)]
pub struct SwitchingArticleProps {
    pub article: Rc<Article>,
    #[prop_or_default]
    pub locale: Option<AttrValue>,
    #[prop_or(ScriptDefault::Fixed(Script::Original))]
    pub script: ScriptDefault,
    #[prop_or_default]
    pub quote_marks: bool,
    #[prop_or_default]
    pub on_script: Callback<(Script, Option<String>)>,
    #[prop_or_default]
    pub on_script_error: Callback<String>,
    /// Show only the first N body blocks and a link to the rest.
    #[prop_or_default]
    pub excerpt: Option<u32>,
    /// How the article's images load.
    #[prop_or_default]
    pub images: ImageOptions,
    /// The widget's words in this language instead of the text's (`ui-lang`).
    #[prop_or_default]
    pub chrome_lang: Option<AttrValue>,
    /// Called once the whole body is in the DOM (`ArticleViewProps::on_rendered`).
    #[prop_or_default]
    pub on_rendered: Callback<()>,
    /// Converts the text ([`crate::backend`]); without one the published text stays.
    #[prop_or_default]
    pub backend: Option<BackendHandle>,
}

/// What is on screen: the option and its text.
#[derive(Clone, PartialEq)]
struct Shown {
    script: Script,
    article: Rc<Article>,
}

/// A loaded article with the script control: follows the page-wide choice (or the widget's
/// default), converts once the dictionaries are there, and keeps the text readable and
/// unchanged while they load or when they fail. When the script at mount needs a conversion,
/// the placeholder stays until the converted text (or, if it fails, the published text and the
/// error) can be shown: the first text on screen is in the reader's script.
#[function_component(SwitchingArticle)]
pub fn switching_article(props: &SwitchingArticleProps) -> Html {
    let refresh = use_force_update();
    use_effect_with((), move |()| {
        let subscription = store::subscribe(Callback::from(move |()| refresh.force_update()));
        move || drop(subscription)
    });
    let article = props.article.clone();
    let chosen =
        store::explicit().unwrap_or_else(|| props.script.resolve(&store::reader_languages()));
    let attempt = store::attempt();
    // `None` until the first text is ready: while the conversion needed at mount is pending.
    // Without a backend (server-side rendering) nothing converts: the published text shows.
    let shown = use_state(|| {
        let converts = article_convert::plan_for(&article, chosen).is_some_and(|p| !p.is_empty());
        (!converts || props.backend.is_none()).then(|| Shown {
            script: Script::Original,
            article: article.clone(),
        })
    });
    // (option, attempt) that failed; cleared by a new attempt.
    let failed = use_state(|| None::<(Script, u64)>);
    // Converted articles of this widget, per option.
    let converted = use_mut_ref(Vec::<(Script, Rc<Article>)>::new);
    // Bumped by every run of the effect, so a late result of an older choice is dropped.
    let generation = use_mut_ref(|| 0u64);

    {
        let shown = shown.clone();
        let failed = failed.clone();
        let converted = converted.clone();
        let generation = generation.clone();
        let options = ConvertOptions {
            quote_marks: props.quote_marks,
        };
        let on_error = props.on_script_error.clone();
        let backend = props.backend.clone();
        use_effect_with(
            (chosen, article.clone(), attempt, props.quote_marks),
            move |(chosen, article, attempt, _)| {
                let (chosen, attempt) = (*chosen, *attempt);
                *generation.borrow_mut() += 1;
                // An article that is not Chinese is always shown as published.
                let plan = article_convert::plan_for(article, chosen);
                let chosen = if plan.is_some() {
                    chosen
                } else {
                    Script::Original
                };
                let configs = plan.unwrap_or_default();
                let cached = converted
                    .borrow()
                    .iter()
                    .find(|(s, _)| *s == chosen)
                    .map(|(_, a)| a.clone());
                if configs.is_empty() {
                    // Published text: nothing to fetch, nothing to convert.
                    shown.set(Some(Shown {
                        script: chosen,
                        article: article.clone(),
                    }));
                } else if let Some(done) = cached {
                    shown.set(Some(Shown {
                        script: chosen,
                        article: done,
                    }));
                } else {
                    start_conversion(
                        backend.as_ref(),
                        Conversion {
                            article: article.clone(),
                            target: chosen,
                            configs,
                            quote_marks: options.quote_marks,
                        },
                        Pending {
                            published: article.clone(),
                            shown,
                            failed,
                            converted,
                            generation,
                            attempt,
                            on_error,
                        },
                    );
                }
            },
        );
    }

    // Tell the page once the new text is on screen.
    {
        let on_script = props.on_script.clone();
        let reported = use_mut_ref(|| Script::Original);
        let article = article.clone();
        use_effect_with(shown.as_ref().map(|s| s.script), move |script| {
            let Some(script) = script else { return };
            if *reported.borrow() != *script {
                *reported.borrow_mut() = *script;
                let configs = article_convert::plan_for(&article, *script).unwrap_or_default();
                on_script.emit((*script, article_convert::config_label(configs)));
            }
        });
    }

    let lang = (*shown).as_ref().map_or(Script::Original, |s| s.script);
    let lang = article_convert::shown_lang(&article, lang);
    let labels = labels::for_language(props.chrome_lang.as_deref().unwrap_or(&lang));
    // The loading state (the skeleton) until the first text is ready.
    let Some(shown) = (*shown).clone() else {
        return loading_view(labels);
    };
    let controls = if article_convert::source_script(&article.in_language).is_some() {
        let error = failed
            .filter(|(s, a)| *s == chosen && *a == attempt)
            .map(|_| AttrValue::from(labels.script_failed));
        let pending = (shown.script != chosen && error.is_none()).then(|| {
            let configs = article_convert::plan_for(&article, chosen).unwrap_or_default();
            let progress = props.backend.as_ref().and_then(|b| b.0.progress(configs));
            (chosen, progress)
        });
        let on_choose = Callback::from(move |s: Script| {
            if s == chosen {
                // Choosing the current option again retries a failed switch.
                store::retry();
            } else {
                store::set_explicit(Some(s));
            }
        });
        html! {
            <ScriptControl {labels} shown={shown.script} {pending} {error} {on_choose} />
        }
    } else {
        Html::default()
    };
    html! {
        <ArticleView
            article={shown.article.clone()}
            locale={props.locale.clone()}
            lang={AttrValue::from(lang)}
            {controls}
            excerpt={props.excerpt}
            images={props.images.clone()}
            ui_lang={props.chrome_lang.clone()}
            // In steps in the browser; at once under server-side rendering, which runs no
            // effects to take the next steps.
            progressive={platform::PROGRESSIVE}
            on_rendered={props.on_rendered.clone()}
        />
    }
}

/// Converted articles of a widget, per option.
type ConvertedCache = Rc<std::cell::RefCell<Vec<(Script, Rc<Article>)>>>;

/// The state a conversion in flight reports to.
struct Pending {
    /// The published article, shown when the conversion needed at mount fails.
    published: Rc<Article>,
    shown: UseStateHandle<Option<Shown>>,
    failed: UseStateHandle<Option<(Script, u64)>>,
    converted: ConvertedCache,
    generation: Rc<std::cell::RefCell<u64>>,
    attempt: u64,
    on_error: Callback<String>,
}

impl Pending {
    fn finish(self, chosen: Script, result: Result<Article, String>) {
        match result {
            Ok(article) => {
                let article = Rc::new(article);
                self.converted.borrow_mut().push((chosen, article.clone()));
                self.shown.set(Some(Shown {
                    script: chosen,
                    article,
                }));
            }
            Err(message) => {
                // Never nothing: the published text, with the error in the control.
                if self.shown.is_none() {
                    self.shown.set(Some(Shown {
                        script: Script::Original,
                        article: self.published,
                    }));
                }
                self.failed.set(Some((chosen, self.attempt)));
                self.on_error.emit(message);
            }
        }
    }
}

/// Converts now if the backend has everything the conversion needs, else once it has. Without
/// a backend (server-side rendering) the published text stays: the CLI converts before
/// rendering instead.
fn start_conversion(backend: Option<&BackendHandle>, conversion: Conversion, state: Pending) {
    let Some(backend) = backend.map(|b| b.0.clone()) else {
        return;
    };
    let chosen = conversion.target;
    if let Some(result) = backend.convert_now(&conversion) {
        state.finish(chosen, result);
        return;
    }
    let generation = *state.generation.borrow();
    platform::spawn(async move {
        let result = backend.convert(conversion).await;
        // Dropped when the reader chose something else meanwhile.
        if *state.generation.borrow() == generation {
            state.finish(chosen, result);
        }
    });
}
