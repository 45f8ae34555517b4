//! JWT Debugger: decode, colour-code and verify JOSE tokens entirely in the browser.
//!
//! `jose` is the pure core (no web crates, tested natively); `ui` is the thin Yew layer on top.

pub mod jose;
pub mod ui;
