//! The script control: 原文 · 简体 · 繁體 · 臺灣 · 香港, a group of toggle buttons
//! (`aria-pressed`) named 文字 / Script. Tab reaches the group's buttons, the arrow keys move
//! between them, Enter or Space chooses. Pure rendering: the widget owns the state.

use yew::prelude::*;

use article_convert::Script;

use crate::hooks::{closest_attribute, use_dom_listener};
use crate::labels::Labels;
use crate::platform;

/// Properties of [`ScriptControl`].
#[derive(Properties, Clone, PartialEq)]
pub struct ScriptControlProps {
    pub labels: &'static Labels,
    /// The option whose text is shown.
    pub shown: Script,
    /// The option being loaded, with the share of its dictionaries received (percent).
    #[prop_or_default]
    pub pending: Option<(Script, Option<u8>)>,
    /// A short message after a failed switch (the text stays as it was).
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_choose: Callback<Script>,
}

/// The group's listeners (`use_dom_listener`): a click on an option chooses it (the button's
/// `data-script`), the arrow keys move focus.
fn on_group_event(on_choose: Callback<Script>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        if platform::move_focus(&e) {
            return;
        }
        if let Some(s) = closest_attribute(&e, "button[data-script]", "data-script")
            .and_then(|v| Script::parse(&v))
        {
            on_choose.emit(s);
        }
    })
}

#[function_component(ScriptControl)]
pub fn script_control(props: &ScriptControlProps) -> Html {
    let group = use_node_ref();
    let handler = on_group_event(props.on_choose.clone());
    use_dom_listener(group.clone(), "click", handler.clone());
    use_dom_listener(group.clone(), "keydown", handler);
    let status = match (&props.pending, &props.error) {
        (_, Some(error)) => error.to_string(),
        (Some((_, Some(percent))), None) => format!("{} {percent}%", props.labels.script_loading),
        (Some((_, None)), None) => format!("{}…", props.labels.script_loading),
        (None, None) => String::new(),
    };
    let buttons = Script::ALL.into_iter().map(|s| {
        let pressed = s == props.shown;
        let busy = props.pending.is_some_and(|(p, _)| p == s);
        let percent = props
            .pending
            .and_then(|(p, pct)| (p == s).then_some(pct).flatten());
        html! {
            <button
                type="button"
                class="aw-script-option"
                data-script={s.as_str()}
                lang={s.label_lang()}
                aria-pressed={if pressed { "true" } else { "false" }}
                aria-busy={busy.then_some("true")}
            >
                { s.label() }
                if let Some(p) = percent {
                    <span class="aw-script-progress" aria-hidden="true">{ format!(" {p}%") }</span>
                }
            </button>
        }
    });
    html! {
        <div class="aw-script" part="script-control" lang={props.labels.lang}>
            <div class="aw-script-options" role="group" aria-label={props.labels.script_control}
                 ref={group}>
                { for buttons }
            </div>
            <p class={if props.error.is_some() { "aw-script-status aw-script-error" } else { "aw-script-status" }}
               role="status" aria-live="polite">{ status }</p>
        </div>
    }
}
