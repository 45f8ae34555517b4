//! The wordlist file the user picked or dropped, held in the page's memory only: the state is
//! plain data (compiled and tested natively) and cannot hold the browser's `File`, so it keeps
//! the number this module holds it by. One file at a time; nothing is read here (the wordlist
//! search's worker reads it, in chunks).

use std::cell::{Cell, RefCell};

use web_sys::File;

thread_local! {
    static HELD: RefCell<Option<(u32, File)>> = const { RefCell::new(None) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// Holds `file` in place of the last one; the number the state names it by.
pub fn hold(file: File) -> u32 {
    let handle = NEXT.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    });
    HELD.with(|held| *held.borrow_mut() = Some((handle, file)));
    handle
}

/// The file held by `handle`, if it is still the one held.
pub fn held(handle: u32) -> Option<File> {
    HELD.with(|held| {
        held.borrow()
            .as_ref()
            .filter(|(number, _)| *number == handle)
            .map(|(_, file)| file.clone())
    })
}

/// Lets go of the file (the list was cleared or replaced by pasted text).
pub fn forget() {
    HELD.with(|held| held.borrow_mut().take());
}
