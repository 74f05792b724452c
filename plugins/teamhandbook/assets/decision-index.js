/*
 * Filters and sorting for the decision index.
 *
 * The index is a plain Markdown table, so it is searchable and readable without JavaScript;
 * this script adds a status filter, a tag filter and a sort order above it. The choices are
 * kept in the address (#status=accepted&tag=process&sort=date-desc), so a filtered view can
 * be shared. Authors' text is only ever read with textContent, never written as HTML.
 * Statuses and tags are authors' words (a tag may be called "__proto__" or "constructor"), so
 * they are counted in Maps, never as keys of plain objects; a malformed address is ignored.
 */
(function () {
  "use strict";

  var SORTS = [
    ["number-asc", "Number, first to last"],
    ["number-desc", "Number, last to first"],
    ["date-desc", "Date, newest first"],
    ["date-asc", "Date, oldest first"],
  ];

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
    return Array.prototype.map.call(table.tBodies[0].rows, function (row, position) {
      var status = row.querySelector(".th-status");
      var time = row.querySelector("time");
      var number = parseInt(row.cells[0].textContent, 10);
      return {
        row: row,
        position: position,
        number: isNaN(number) ? Infinity : number,
        status: status ? status.getAttribute("data-status") : "unknown",
        statusLabel: status ? status.textContent.trim() : "Unknown",
        date: time ? time.getAttribute("datetime") : "",
        tags: Array.prototype.map.call(row.querySelectorAll(".th-tag"), function (tag) {
          return tag.textContent.trim();
        }),
      };
    });
  }

  function select(label, name, options) {
    var wrapper = document.createElement("label");
    wrapper.className = "th-filter";
    var caption = document.createElement("span");
    caption.className = "th-filter__label";
    caption.textContent = label;
    var control = document.createElement("select");
    control.name = name;
    options.forEach(function (option) {
      var element = document.createElement("option");
      element.value = option[0];
      element.textContent = option[1];
      control.appendChild(element);
    });
    wrapper.appendChild(caption);
    wrapper.appendChild(control);
    return { wrapper: wrapper, control: control };
  }

  function countBy(rows, key) {
    var counts = new Map();
    rows.forEach(function (entry) {
      counts.set(key(entry), (counts.get(key(entry)) || 0) + 1);
    });
    return counts;
  }

  function statusOptions(rows) {
    var labels = new Map();
    rows.forEach(function (entry) {
      if (!labels.has(entry.status)) {
        labels.set(entry.status, entry.statusLabel);
      }
    });
    var counts = countBy(rows, function (entry) {
      return entry.status;
    });
    var options = [["", "All statuses (" + rows.length + ")"]];
    labels.forEach(function (label, status) {
      var shown = status === "unknown" ? "No or unknown status" : label;
      options.push([status, shown + " (" + counts.get(status) + ")"]);
    });
    return options;
  }

  function tagOptions(rows) {
    var counts = new Map();
    rows.forEach(function (entry) {
      entry.tags.forEach(function (tag) {
        counts.set(tag, (counts.get(tag) || 0) + 1);
      });
    });
    var tags = Array.from(counts.keys()).sort(function (a, b) {
      return a.localeCompare(b, undefined, { sensitivity: "base" });
    });
    return [["", "All tags"]].concat(
      tags.map(function (tag) {
        return [tag, tag + " (" + counts.get(tag) + ")"];
      })
    );
  }

  function compare(sort) {
    var field = sort.indexOf("date") === 0 ? "date" : "number";
    var direction = sort.slice(-4) === "desc" ? -1 : 1;
    return function (a, b) {
      var x = a[field];
      var y = b[field];
      if (field === "date") {
        // Undated decisions go last whichever way the dates run.
        if (!x || !y) {
          return !x && !y ? a.position - b.position : !x ? 1 : -1;
        }
      }
      if (x < y) return -direction;
      if (x > y) return direction;
      return a.position - b.position;
    };
  }

  function decoded(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return null; // a malformed address (#tag=%E0%A4%A): that choice is ignored, the filters still work
    }
  }

  function readHash() {
    var state = { status: null, tag: null, sort: null };
    location.hash
      .replace(/^#/, "")
      .split("&")
      .forEach(function (pair) {
        var parts = pair.split("=");
        if (parts.length === 2 && ["status", "tag", "sort"].indexOf(parts[0]) >= 0) {
          state[parts[0]] = decoded(parts[1]);
        }
      });
    return state;
  }

  function writeHash(state) {
    var pairs = [];
    ["status", "tag", "sort"].forEach(function (key) {
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
    var status = select("Status", "status", statusOptions(rows));
    var tag = select("Tag", "tag", tagOptions(rows));
    var sort = select("Sort by", "sort", SORTS);
    var shown = document.createElement("output");
    shown.className = "th-filter__count";
    shown.setAttribute("aria-live", "polite");
    [status, tag, sort].forEach(function (part) {
      holder.appendChild(part.wrapper);
    });
    holder.appendChild(shown);

    var initial = readHash();
    [
      [status.control, initial.status],
      [tag.control, initial.tag],
      [sort.control, initial.sort],
    ].forEach(function (pair) {
      if (pair[1] && pair[0].querySelector('option[value="' + CSS.escape(pair[1]) + '"]')) {
        pair[0].value = pair[1];
      }
    });

    function apply() {
      var visible = 0;
      var ordered = rows.slice().sort(compare(sort.control.value));
      var body = table.tBodies[0];
      ordered.forEach(function (entry) {
        var match =
          (!status.control.value || entry.status === status.control.value) &&
          (!tag.control.value || entry.tags.indexOf(tag.control.value) >= 0);
        entry.row.hidden = !match;
        visible += match ? 1 : 0;
        body.appendChild(entry.row);
      });
      shown.textContent = "Showing " + visible + " of " + rows.length + " decisions";
      writeHash({
        status: status.control.value,
        tag: tag.control.value,
        sort: sort.control.value === SORTS[0][0] ? "" : sort.control.value,
      });
    }

    [status, tag, sort].forEach(function (part) {
      part.control.addEventListener("change", apply);
    });
    holder.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".th-decision-filters"), setUp);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init); // Material's instant navigation swaps pages without reloading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
