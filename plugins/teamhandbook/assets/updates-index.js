/*
 * Filters for the updates index.
 *
 * The index is a plain table whose rows say who wrote them, their kind, their week and their
 * projects in data attributes; this script adds a filter for each above it. The choices are kept
 * in the address (#person=maya&kind=weekly&project=digest-mode&week=2026-w47), so a filtered view
 * can be shared. Authors' text is only ever read with textContent, never written as HTML; names,
 * kinds, projects and weeks are kept in Maps, so a project called "__proto__" or "constructor" is a
 * project like any other. On a narrow screen each row is a card; a hidden card is a hidden row.
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
      var names = new Map();
      Array.prototype.forEach.call(row.querySelectorAll("a[data-project]"), function (link) {
        names.set(link.getAttribute("data-project"), link.textContent.trim());
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

  /* The choices of one filter: each value once, labelled with how many updates have it. */
  function options(rows, key, labels, all, order) {
    var counts = new Map();
    rows.forEach(function (entry) {
      var values = key === "project" ? entry.projects : [entry[key]];
      values.forEach(function (value) {
        if (value) {
          counts.set(value, (counts.get(value) || 0) + 1);
        }
      });
    });
    var values = Array.from(counts.keys()).sort(order);
    return [["", all]].concat(
      values.map(function (value) {
        return [value, labels(value) + " (" + counts.get(value) + ")"];
      })
    );
  }

  function byLabel(labels) {
    return function (a, b) {
      return labels(a).localeCompare(labels(b), undefined, { sensitivity: "base" });
    };
  }

  /* The label a Map holds for a value, or the value itself. */
  function labelIn(map) {
    return function (value) {
      return map.get(value) || value;
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

  /* Decode part of an address; a malformed one (a stray "%") is taken as written. */
  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return text;
    }
  }

  function readHash() {
    var state = new Map();
    location.hash
      .replace(/^#/, "")
      .split("&")
      .forEach(function (pair) {
        var at = pair.indexOf("=");
        var key = at > 0 ? decode(pair.slice(0, at)) : "";
        if (KEYS.indexOf(key) >= 0) {
          state.set(key, decode(pair.slice(at + 1)));
        }
      });
    return state;
  }

  function writeHash(state) {
    var pairs = [];
    KEYS.forEach(function (key) {
      if (state.get(key)) {
        pairs.push(key + "=" + encodeURIComponent(state.get(key)));
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
    var people = new Map();
    var kinds = new Map();
    var projects = new Map();
    rows.forEach(function (entry) {
      if (!people.has(entry.person)) {
        people.set(entry.person, entry.personName);
      }
      if (!kinds.has(entry.kind)) {
        kinds.set(entry.kind, entry.kindLabel);
      }
      entry.projects.forEach(function (key) {
        if (!projects.get(key)) {
          projects.set(key, entry.projectNames.get(key) || "");
        }
      });
    });
    var personLabel = labelIn(people);
    var kindLabel = labelIn(kinds);
    var projectLabel = labelIn(projects);
    var newestFirst = function (a, b) {
      return a < b ? 1 : a > b ? -1 : 0;
    };
    var controls = {
      person: select(
        "Person",
        "person",
        options(rows, "person", personLabel, "Everyone", byLabel(personLabel))
      ),
      kind: select("Kind", "kind", options(rows, "kind", kindLabel, "All kinds", byLabel(kindLabel))),
      project: select(
        "Project",
        "project",
        options(rows, "project", projectLabel, "All projects", byLabel(projectLabel))
      ),
      week: select("Week", "week", options(rows, "week", weekLabel, "All weeks", newestFirst)),
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
        var value = initial.get(key) || "";
        var known = value && control.querySelector('option[value="' + CSS.escape(value) + '"]');
        control.value = known ? value : "";
      });
    }

    function apply() {
      var visible = 0;
      var chosen = new Map();
      KEYS.forEach(function (key) {
        chosen.set(key, controls[key].control.value);
      });
      var person = chosen.get("person");
      var kind = chosen.get("kind");
      var project = chosen.get("project");
      var week = chosen.get("week");
      rows.forEach(function (entry) {
        var match =
          (!person || entry.person === person) &&
          (!kind || entry.kind === kind) &&
          (!project || entry.projects.indexOf(project) >= 0) &&
          (!week || entry.week === week);
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
