// The colour theme, set before the first paint (this script is loaded, blocking, from <head>).
// <html data-theme="light|dark"> holds the theme in use; the choice ('system', 'light' or 'dark')
// is kept in localStorage under `theme`, the only thing the page stores. The select in the
// static header (#theme) shows and changes the choice; on 'system' the page follows
// prefers-color-scheme as it changes.
(function () {
  var KEY = "theme";
  var CHOICES = { system: true, light: true, dark: true };
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value && CHOICES[value] === true ? value : "system";
    } catch (e) {
      return "system"; // storage refused (privacy modes, sandboxed frames)
    }
  }

  function store(choice) {
    try {
      window.localStorage.setItem(KEY, choice);
    } catch (e) {
      // The choice then holds for this page only.
    }
  }

  var choice = stored();

  // The browser's bar follows the theme in use too (the header's background in each).
  var BAR = { light: "#ffffff", dark: "#1a1d24" };

  function apply() {
    var dark = choice === "dark" || (choice === "system" && query !== null && query.matches);
    var theme = dark ? "dark" : "light";
    document.documentElement.dataset.theme = theme;
    var metas = document.querySelectorAll('meta[name="theme-color"]');
    for (var i = 0; i < metas.length; i++) {
      var media = metas[i].getAttribute("media") || "";
      // On 'system' each keeps its own colour; a chosen theme sets both.
      metas[i].setAttribute("content", choice === "system" ? BAR[media.indexOf("dark") >= 0 ? "dark" : "light"] : BAR[theme]);
    }
  }

  apply();

  if (query !== null) {
    var follow = function () {
      if (choice === "system") apply();
    };
    if (query.addEventListener) query.addEventListener("change", follow);
    else if (query.addListener) query.addListener(follow);
  }

  function wire() {
    var select = document.getElementById(KEY);
    if (!select) return;
    select.value = choice;
    select.addEventListener("change", function () {
      choice = CHOICES[select.value] === true ? select.value : "system";
      store(choice);
      apply();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
