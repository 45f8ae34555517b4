// Loads the page's worker (Trunk builds workshop.js and workshop_bg.wasm beside this file).
// A worker whose WebAssembly cannot be loaded tells the page at once, so nothing waits for it.
importScripts("./workshop.js");
wasm_bindgen("./workshop_bg.wasm").catch((error) => postMessage("failed: " + error));
