/*
 * "Changed since your last visit": marks links to pages that changed since the reader was last
 * here, and lists them on the What's new page.
 *
 * Everything stays in the reader's own browser (localStorage); nothing is sent anywhere. The build
 * writes changes.json (each page's address, last change and title) at the site root; this script
 * reads it once per full page load. A new visit starts after 30 minutes away: what changed before
 * the previous visit ended counts as seen, and opening a changed page marks it as read.
 * Authors' text (page titles) is only ever written with textContent. Page addresses are authors'
 * file names, so they key objects made with Object.create(null) (a page may be called
 * "__proto__"), and an address that does not decode is compared as written.
 */
(function () {
  "use strict";

  var SCRIPT = "assets/teamhandbook/whats-new.js";
  var GAP = 30 * 60 * 1000;
  var changes = null;
  // Read once, while this script runs: a script's relative src resolves against the current
  // address, which Material's instant navigation changes without loading this script again.
  var ROOT = siteRoot();

  function siteRoot() {
    var script = document.currentScript;
    var src = script && script.src ? script.src.split(/[?#]/)[0] : "";
    var at = src.lastIndexOf(SCRIPT);
    return at >= 0 && at + SCRIPT.length === src.length ? src.slice(0, at) : null;
  }

  function normalise(path) {
    var decoded = path;
    try {
      decoded = decodeURI(path);
    } catch (error) {
      /* a malformed address (%E0%A4%A): compare it as written */
    }
    return decoded.replace(/index\.html$/, "");
  }

  function table(from) {
    var result = Object.create(null);
    if (from && typeof from === "object") {
      Object.keys(from).forEach(function (key) {
        result[key] = from[key];
      });
    }
    return result;
  }

  function relativePath(url, root) {
    var rootPath = new URL(root).pathname;
    var target = new URL(url, document.baseURI);
    if (target.origin !== new URL(root).origin || target.pathname.indexOf(rootPath) !== 0) {
      return null;
    }
    return normalise(target.pathname.slice(rootPath.length));
  }

  function load(root) {
    if (!changes) {
      changes = fetch(root + "changes.json")
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .catch(function () {
          return null;
        });
    }
    return changes;
  }

  function storageKey(root) {
    return "teamhandbook:visits:" + new URL(root).pathname;
  }

  function readState(key) {
    try {
      var state = JSON.parse(window.localStorage.getItem(key) || "{}");
      return state && typeof state === "object" ? state : {};
    } catch (error) {
      return {};
    }
  }

  function writeState(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      /* storage is full or disabled: the marks simply do not persist */
    }
  }

  function visit(state, now, here) {
    if (typeof state.lastSeen !== "number") {
      state.baseline = now; // a first visit: nothing has changed "since last time"
    } else if (now - state.lastSeen > GAP) {
      state.baseline = state.lastSeen;
    }
    state.lastSeen = now;
    var seen = Object.create(null);
    var before = table(state.seen);
    Object.keys(before).forEach(function (url) {
      if (before[url] > state.baseline) {
        seen[url] = before[url]; // older marks are covered by the baseline
      }
    });
    if (here !== null) {
      seen[here] = now;
    }
    state.seen = seen;
  }

  function changedSince(rows, state) {
    var changed = Object.create(null);
    rows.forEach(function (row) {
      if (!Array.isArray(row) || typeof row[0] !== "string") {
        return;
      }
      var url = normalise(row[0]);
      var when = row[1] * 1000;
      if (when > state.baseline && !(state.seen[url] >= when)) {
        changed[url] = { url: url, when: when, title: row[2], kind: row[3] };
      }
    });
    return changed;
  }

  function badge() {
    var mark = document.createElement("span");
    mark.className = "th-changed";
    mark.textContent = "changed";
    mark.title = "Changed since your last visit";
    return mark;
  }

  function markLinks(changed, root, here) {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
      if (
        !link.textContent.trim() || // icons and logos
        link.querySelector(".th-changed") ||
        link.closest(".th-since-last-visit, .md-header, header")
      ) {
        return;
      }
      var path = relativePath(link.href, root);
      if (path !== null && path !== here && changed[path]) {
        link.appendChild(badge());
      }
    });
  }

  function clearMarks() {
    Array.prototype.forEach.call(document.querySelectorAll(".th-changed"), function (mark) {
      mark.remove();
    });
  }

  function fillList(holder, changed, state, root, key) {
    holder.textContent = "";
    var entries = Object.keys(changed)
      .map(function (url) {
        return changed[url];
      })
      .sort(function (a, b) {
        return b.when - a.when;
      });
    var heading = document.createElement("p");
    heading.className = "th-since-last-visit__title";
    var since = new Date(state.baseline).toLocaleDateString();
    if (!entries.length) {
      heading.textContent = "Nothing has changed since your last visit (" + since + ").";
      holder.appendChild(heading);
      holder.hidden = false;
      return;
    }
    heading.textContent =
      entries.length + (entries.length === 1 ? " page has" : " pages have") + " changed since your last visit (" + since + "):";
    var list = document.createElement("ul");
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      link.textContent = entry.title;
      var when = document.createElement("span");
      when.className = "th-since-last-visit__when";
      when.textContent = " — " + new Date(entry.when).toLocaleDateString();
      item.appendChild(link);
      item.appendChild(when);
      list.appendChild(item);
    });
    var done = document.createElement("button");
    done.type = "button";
    done.className = "th-since-last-visit__done md-button";
    done.textContent = "Mark all as read";
    done.addEventListener("click", function () {
      var fresh = readState(key);
      fresh.baseline = Date.now();
      fresh.seen = Object.create(null);
      writeState(key, fresh);
      clearMarks();
      fillList(holder, Object.create(null), fresh, root, key);
    });
    holder.appendChild(heading);
    holder.appendChild(list);
    holder.appendChild(done);
    holder.hidden = false;
  }

  function run() {
    var root = ROOT;
    if (!root || !window.fetch) {
      return;
    }
    var key = storageKey(root);
    var here = relativePath(window.location.href, root);
    var state = readState(key);
    var firstVisit = typeof state.lastSeen !== "number";
    visit(state, Date.now(), here);
    writeState(key, state);
    load(root).then(function (data) {
      if (!data || !Array.isArray(data.pages)) {
        return;
      }
      var changed = changedSince(data.pages, state);
      clearMarks(); // instant navigation may keep parts of the previous page, with stale marks
      markLinks(changed, root, here);
      var holder = document.querySelector(".th-since-last-visit");
      if (holder && firstVisit) {
        holder.textContent = "From your next visit on, this box lists what changed since you were last here.";
        holder.hidden = false;
      } else if (holder) {
        fillList(holder, changed, state, root, key);
      }
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(run); // Material's instant navigation swaps pages without reloading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
