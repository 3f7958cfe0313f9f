// Network Coach: give ipywidgets' slider handles the name of their visible label.
// The handles are <div role="slider"> with no accessible name (axe: aria-input-field-name),
// so a screen reader announced "slider, 7" with no hint of what it sets.
(function () {
  function nameHandles() {
    document.querySelectorAll(".widget-slider, .jupyter-widget-slider").forEach(function (widget) {
      var label = widget.querySelector(".widget-label");
      var text = label ? label.textContent.trim() : "";
      if (!text) return;
      widget.querySelectorAll('[role="slider"]:not([aria-label])').forEach(function (handle) {
        handle.setAttribute("aria-label", text);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')) return;
    new MutationObserver(nameHandles).observe(document.body, { childList: true, subtree: true });
  });
})();
