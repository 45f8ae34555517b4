//! Runs the core's known-secret search in the page: fetches the list from the page's own origin
//! once (only when an HS token needs it), then searches in slices of a few milliseconds with a
//! timer between them, so typing is never held up. A newer token stops an older search.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::jose::known_secrets::{Progress, Search, Target};
use crate::ui::state::SecretSearch;

/// The list, next to index.html in dist/.
const LIST_URL: &str = "jwt.secrets.list";
/// Search for this long before letting the page handle input again.
const SLICE_MILLIS: f64 = 8.0;
/// Lines tried between looks at the clock.
const LINES_PER_LOOK: usize = 256;
/// Wait this long for the token to settle before searching, so typing starts no searches.
const SETTLE: Duration = Duration::from_millis(150);

thread_local! {
    static LIST: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
    /// The one download of the list, shared by every search that waits for it.
    static DOWNLOAD: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Searches the list for the secret of `target`, reporting progress with `report`, while
/// `current` still holds `search` (the search's number).
pub async fn run(
    target: Target,
    search_number: u64,
    current: Rc<Cell<u64>>,
    report: impl Fn(SecretSearch),
) {
    yew::platform::time::sleep(SETTLE).await;
    if current.get() != search_number {
        return;
    }
    let started = js_sys::Date::now();
    report(SecretSearch::Loading);
    let list = match list().await {
        Ok(list) => list,
        Err(why) => return report(SecretSearch::Unavailable(why)),
    };
    let mut search = Search::default();
    loop {
        if current.get() != search_number {
            return;
        }
        let slice_start = js_sys::Date::now();
        let progress = loop {
            match search.step(&list, &target, LINES_PER_LOOK) {
                Progress::Searching if js_sys::Date::now() - slice_start < SLICE_MILLIS => {}
                other => break other,
            }
        };
        match progress {
            Progress::Found(secret) => {
                let tried = search.tried;
                return report(SecretSearch::Found { secret, tried });
            }
            Progress::NotFound => {
                let millis = js_sys::Date::now() - started;
                let tried = search.tried;
                return report(SecretSearch::NotFound { tried, millis });
            }
            Progress::Searching => report(SecretSearch::Searching {
                fraction: search.fraction(&list),
            }),
        }
        yew::platform::time::sleep(Duration::ZERO).await;
    }
}

async fn list() -> Result<Rc<str>, String> {
    if let Some(list) = LIST.with(|list| list.borrow().clone()) {
        return Ok(list);
    }
    let download =
        DOWNLOAD.with(|cell| cell.borrow_mut().get_or_insert_with(start_download).clone());
    let text = JsFuture::from(download).await.map_err(|err| {
        // Let a later search try again.
        DOWNLOAD.with(|cell| cell.borrow_mut().take());
        err.as_string()
            .unwrap_or_else(|| "the request failed".to_owned())
    })?;
    // Another search may have finished the same download first.
    if let Some(list) = LIST.with(|list| list.borrow().clone()) {
        return Ok(list);
    }
    let list: Rc<str> = Rc::from(text.as_string().unwrap_or_default());
    LIST.with(|cell| *cell.borrow_mut() = Some(Rc::clone(&list)));
    Ok(list)
}

/// Fetches the list's text, as a promise any number of searches can await.
fn start_download() -> Promise {
    wasm_bindgen_futures::future_to_promise(async {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let response: Response = JsFuture::from(window.fetch_with_str(LIST_URL))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from_str(&format!("HTTP {}", response.status())));
        }
        JsFuture::from(response.text()?).await
    })
}
