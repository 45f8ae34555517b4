//! How claims are judged: clock-skew leeway, the time to check at, the expected issuer and
//! audience, and the longest lifetime that is not flagged.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::jose::claims::time::iso_utc;
use crate::ui::state::CheckSettings;

#[derive(PartialEq, Properties)]
pub struct CheckSettingsProps {
    pub settings: CheckSettings,
    pub on_change: Callback<CheckSettings>,
}

/// Which setting an input edits.
#[derive(Clone, Copy)]
enum Field {
    Leeway,
    CheckAt,
    Issuer,
    Audience,
    MaxLifetimeHours,
}

#[component]
pub fn CheckSettingsForm(props: &CheckSettingsProps) -> Html {
    let edit = |field: Field| {
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_change.emit(apply(settings.clone(), field, &input.value()));
        })
    };
    let settings = &props.settings;
    let typed = &settings.typed;
    let check_note = settings
        .check_at
        .and_then(iso_utc)
        .map(|at| format!("Checking at {at}"));
    html! {
        <section class="settings" aria-label="How claims are checked">
            <label class="settings-field">{ "Leeway (s)" }
                <input type="number" min="0" step="1" data-testid="leeway-input"
                       value={typed.leeway.clone()} oninput={edit(Field::Leeway)} />
            </label>
            <label class="settings-field">{ "Check at (UTC)" }
                <input type="text" placeholder="now, or 2024-01-31T12:00:00Z" data-testid="check-time-input"
                       value={typed.check_at.clone()} oninput={edit(Field::CheckAt)} />
            </label>
            if let Some(note) = check_note {
                <span class="settings-note" data-testid="check-time-note">{ note }</span>
            }
            <label class="settings-field">{ "Expected issuer" }
                <input type="text" data-testid="expected-iss-input" value={settings.expect.issuer.clone()}
                       oninput={edit(Field::Issuer)} />
            </label>
            <label class="settings-field">{ "Expected audience" }
                <input type="text" data-testid="expected-aud-input" value={settings.expect.audience.clone()}
                       oninput={edit(Field::Audience)} />
            </label>
            <label class="settings-field">{ "Longest lifetime (h)" }
                <input type="number" min="0" step="1" data-testid="max-lifetime-input"
                       value={typed.max_lifetime_hours.clone()} oninput={edit(Field::MaxLifetimeHours)} />
            </label>
        </section>
    }
}

/// The settings with one field changed; text that does not read (yet) keeps the old value, and
/// an empty check time means now.
fn apply(mut settings: CheckSettings, field: Field, text: &str) -> CheckSettings {
    let number = text
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0);
    match field {
        Field::Leeway => {
            settings.typed.leeway = text.to_owned();
            settings.leeway = number.unwrap_or(settings.leeway);
        }
        Field::MaxLifetimeHours => {
            settings.typed.max_lifetime_hours = text.to_owned();
            settings.max_lifetime = number.map_or(settings.max_lifetime, |hours| hours * 3600.0);
        }
        Field::CheckAt => {
            settings.typed.check_at = text.to_owned();
            let parsed = js_sys::Date::parse(text.trim());
            settings.check_at = match text.trim() {
                "" | "now" => None,
                _ if parsed.is_finite() => Some((parsed / 1000.0).floor()),
                _ => settings.check_at,
            };
        }
        Field::Issuer => settings.expect.issuer = text.trim().to_owned(),
        Field::Audience => settings.expect.audience = text.trim().to_owned(),
    }
    settings
}
