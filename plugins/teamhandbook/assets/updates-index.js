/*
 * Filters for the updates index.
 *
 * The index is a plain table whose rows say who wrote them, their kind, their week and their
 * projects in data attributes; this script adds a filter for each above it. The choices are kept
 * in the address (#person=maya&kind=weekly&project=digest-mode&week=2026-w47), so a filtered view
 * can be shared. Authors' text is only ever read with textContent, never written as HTML.
 */
(function () {
  "use strict";

  var KEYS = ["person", "kind", "project", "week"];

  function findTable(holder) {
    for (var el = holder.nextElementSibling; el; el = el.nextElementSibling) {
      var table = el.matches("table") ? el : el.querySelector("table");
      if (table) {
        return table;
      }
    }
    return null;
  }

  function readRows(table) {
    return Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      var projects = (row.getAttribute("data-projects") || "").split(" ").filter(Boolean);
      var links = row.cells[4] ? row.cells[4].querySelectorAll("a") : [];
      var names = {};
      Array.prototype.forEach.call(links, function (link, index) {
        if (projects[index]) {
          names[projects[index]] = link.textContent.trim();
        }
      });
      var kind = row.querySelector(".th-kind");
      return {
        row: row,
        person: row.getAttribute("data-person") || "",
        personName: row.cells[1] ? row.cells[1].textContent.trim() : "",
        kind: row.getAttribute("data-kind") || "",
        kindLabel: kind ? kind.textContent.trim() : "",
        week: row.getAttribute("data-week") || "",
        projects: projects,
        projectNames: names,
      };
    });
  }

  function weekLabel(slug) {
    var match = /^(\d{4})-w(\d{2})$/.exec(slug);
    return match ? "Week " + parseInt(match[2], 10) + ", " + match[1] : slug;
  }

  function options(rows, key, labelOf, all, order) {
    var counts = {};
    var labels = {};
    rows.forEach(function (entry) {
      var values = key === "project" ? entry.projects : [entry[key]];
      values.forEach(function (value) {
        if (!value) {
          return;
        }
        counts[value] = (counts[value] || 0) + 1;
        labels[value] = labels[value] || labelOf(entry, value);
      });
    });
    var values = Object.keys(counts).sort(order);
    return [["", all]].concat(
      values.map(function (value) {
        return [value, labels[value] + " (" + counts[value] + ")"];
      })
    );
  }

  function byLabel(labels) {
    return function (a, b) {
      return labels(a).localeCompare(labels(b), undefined, { sensitivity: "base" });
    };
  }

  function select(label, name, choices) {
    var wrapper = document.createElement("label");
    wrapper.className = "th-filter";
    var caption = document.createElement("span");
    caption.className = "th-filter__label";
    caption.textContent = label;
    var control = document.createElement("select");
    control.name = name;
    choices.forEach(function (choice) {
      var element = document.createElement("option");
      element.value = choice[0];
      element.textContent = choice[1];
      control.appendChild(element);
    });
    wrapper.appendChild(caption);
    wrapper.appendChild(control);
    return { wrapper: wrapper, control: control };
  }

  function readHash() {
    var state = {};
    location.hash
      .replace(/^#/, "")
      .split("&")
      .forEach(function (pair) {
        var parts = pair.split("=");
        if (parts.length === 2 && KEYS.indexOf(parts[0]) >= 0) {
          try {
            state[parts[0]] = decodeURIComponent(parts[1]);
          } catch (error) {
            // A malformed address keeps the filter off rather than breaking the page.
          }
        }
      });
    return state;
  }

  function writeHash(state) {
    var pairs = [];
    KEYS.forEach(function (key) {
      if (state[key]) {
        pairs.push(key + "=" + encodeURIComponent(state[key]));
      }
    });
    var url = location.pathname + location.search + (pairs.length ? "#" + pairs.join("&") : "");
    history.replaceState(history.state, "", url);
  }

  function setUp(holder) {
    if (holder.getAttribute("data-ready") === "true") {
      return;
    }
    var table = findTable(holder);
    if (!table || !table.tBodies.length) {
      return;
    }
    holder.setAttribute("data-ready", "true");
    var rows = readRows(table);
    var people = {};
    var kinds = {};
    var projects = {};
    rows.forEach(function (entry) {
      people[entry.person] = entry.personName;
      kinds[entry.kind] = entry.kindLabel;
      entry.projects.forEach(function (key) {
        projects[key] = projects[key] || entry.projectNames[key] || key;
      });
    });
    var controls = {
      person: select(
        "Person",
        "person",
        options(rows, "person", function (e) { return e.personName; }, "Everyone",
          byLabel(function (v) { return people[v]; }))
      ),
      kind: select(
        "Kind",
        "kind",
        options(rows, "kind", function (e) { return e.kindLabel; }, "All kinds",
          byLabel(function (v) { return kinds[v]; }))
      ),
      project: select(
        "Project",
        "project",
        options(rows, "project", function (e, v) { return projects[v]; }, "All projects",
          byLabel(function (v) { return projects[v]; }))
      ),
      week: select(
        "Week",
        "week",
        options(rows, "week", function (e, v) { return weekLabel(v); }, "All weeks", function (a, b) {
          return a < b ? 1 : a > b ? -1 : 0;
        })
      ),
    };
    var shown = document.createElement("output");
    shown.className = "th-filter__count";
    shown.setAttribute("aria-live", "polite");
    KEYS.forEach(function (key) {
      holder.appendChild(controls[key].wrapper);
    });
    holder.appendChild(shown);

    function fromHash() {
      var initial = readHash();
      KEYS.forEach(function (key) {
        var control = controls[key].control;
        var value = initial[key] || "";
        var known = value && control.querySelector('option[value="' + CSS.escape(value) + '"]');
        control.value = known ? value : "";
      });
    }

    function apply() {
      var visible = 0;
      var chosen = {};
      KEYS.forEach(function (key) {
        chosen[key] = controls[key].control.value;
      });
      rows.forEach(function (entry) {
        var match =
          (!chosen.person || entry.person === chosen.person) &&
          (!chosen.kind || entry.kind === chosen.kind) &&
          (!chosen.project || entry.projects.indexOf(chosen.project) >= 0) &&
          (!chosen.week || entry.week === chosen.week);
        entry.row.hidden = !match;
        visible += match ? 1 : 0;
      });
      shown.textContent = "Showing " + visible + " of " + rows.length + " updates";
      writeHash(chosen);
    }

    KEYS.forEach(function (key) {
      controls[key].control.addEventListener("change", apply);
    });
    window.addEventListener("hashchange", function () {
      if (document.body.contains(holder)) {
        fromHash();
        apply();
      }
    });
    fromHash();
    holder.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".th-update-filters"), setUp);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init); // Material's instant navigation swaps pages without reloading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
