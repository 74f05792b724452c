/*
 * Load Mermaid from the copy shipped with teamhandbook, only on pages that draw a diagram.
 *
 * Material for MkDocs fetches Mermaid from a public CDN unless a global `mermaid` already
 * exists, and then calls only `mermaid.initialize(config)` and `mermaid.render(id, text)`.
 * This stand-in records the configuration and loads the real library on the first render,
 * so sites work offline and behind firewalls, and pages without diagrams load nothing.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined") {
    return;
  }
  var source = new URL("vendor/mermaid.min.js", document.currentScript.src).href;
  var settings = null;
  var loading = null;

  function load() {
    if (loading === null) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = source;
        script.onload = function () {
          resolve(window.mermaid);
        };
        script.onerror = function () {
          reject(new Error("teamhandbook: could not load " + source));
        };
        document.head.appendChild(script);
      }).then(function (mermaid) {
        if (settings !== null) {
          mermaid.initialize(settings);
        }
        return mermaid;
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, text) {
      return load().then(function (mermaid) {
        return mermaid.render(id, text);
      });
    },
  };
})();
