//! What follows the verdict: while `hold` is set (a new token or key whose verdict is not yet
//! in the page) the panes keep what they last showed instead of rendering, so the verdict is
//! the only work between an input and its answer; the panes catch up before the next frame.

use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct AfterVerdictProps {
    /// Keep the last render.
    pub hold: bool,
    /// The panes, as of now; not looked at while holding (the caller may leave them out).
    #[prop_or_default]
    pub children: Html,
}

/// A struct component for its `changed`: a function component cannot decline a render.
pub struct AfterVerdict;

impl Component for AfterVerdict {
    type Message = ();
    type Properties = AfterVerdictProps;

    fn create(_: &Context<Self>) -> AfterVerdict {
        AfterVerdict
    }

    fn changed(&mut self, ctx: &Context<Self>, _: &AfterVerdictProps) -> bool {
        !ctx.props().hold
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        ctx.props().children.clone()
    }
}
