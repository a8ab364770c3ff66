//! A long body rendered in steps, so a very long article never blocks the page.

use yew::prelude::*;

use crate::platform;

/// Paragraphs rendered at once by a progressive body (more than a screenful).
pub const FIRST_PARAGRAPHS: usize = 100;
/// Paragraphs added per task after the first ones (about 10 ms of work in a browser).
pub const STEP_PARAGRAPHS: usize = 200;
/// A body with more paragraphs than this is "long" (`aw-long`): its paragraphs get
/// `content-visibility: auto`, so the browser lays out only those near the viewport.
pub const LONG_BODY: usize = FIRST_PARAGRAPHS;

/// How many paragraphs of `total` are in the DOM now, and the hook that adds the rest in
/// steps when `progressive`: the first [`FIRST_PARAGRAPHS`] at once, then
/// [`STEP_PARAGRAPHS`] more per task (a zero timeout, so the page's own tasks run in
/// between). Calls `on_rendered` once all are in (from an effect: after that render).
#[hook]
pub fn use_paragraphs_shown(total: usize, progressive: bool, on_rendered: Callback<()>) -> usize {
    let shown = use_state(|| FIRST_PARAGRAPHS);
    let now = if progressive {
        (*shown).min(total)
    } else {
        total
    };
    let shown = shown.setter();
    use_effect_with((now, total), move |&(now, total)| {
        let next = (now < total).then(|| next_step(shown, (now + STEP_PARAGRAPHS).min(total)));
        if next.is_none() {
            on_rendered.emit(());
        }
        move || drop(next)
    });
    now
}

/// Shows `more` paragraphs in a later task; dropping the returned value cancels it.
fn next_step(shown: UseStateSetter<usize>, more: usize) -> Box<dyn std::any::Any> {
    platform::next_task(move || shown.set(more))
}
