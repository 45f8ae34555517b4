//! The thin Yew layer: state, one component per file. It turns core results into words. The
//! state and its reducer need no browser, so native tests reach them.

#[cfg(target_arch = "wasm32")]
pub mod actions;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod clipboard;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;
#[cfg(target_arch = "wasm32")]
pub mod wordlist_file;
#[cfg(target_arch = "wasm32")]
pub mod worker;
