/*
 * The working agreement in the reader's own time zone.
 *
 * Agreement pages carry the roster, the response times and the core window as JSON, in the
 * data-agreement attribute of a hidden .th-agreement-data element, so nothing is fetched and the
 * page works offline (an inline JSON <script> would be run as JavaScript by Material's instant
 * navigation, which re-creates inline scripts without their type). This script fills three kinds of placeholders:
 *
 * - [data-th-widget="working-now"]: who is working now, and when the others are back;
 * - [data-th-widget="reply-estimator"]: if I send this now, when should I expect an answer;
 * - [data-th-widget="strips"]: redraws the 24-hour strips (drawn in UTC by the build) in the
 *   reader's time zone, with a marker for now.
 *
 * Time-zone arithmetic matches the Python core (zoneinfo): local clock times skipped when clocks
 * go forward use the offset before the change, and repeated ones take their first occurrence.
 * Authors' text is only ever set with textContent.
 */
(function () {
  "use strict";

  var MINUTE = 60000;
  var DAY_MS = 86400000;
  var SEARCH_DAYS = 800;
  var formatters = new Map(); // by time zone name, which comes from the page
  var timer = null;

  /* ---- time zones ---------------------------------------------------------------------- */

  function partsFormatter(tz) {
    if (!formatters.has(tz)) {
      formatters.set(tz, new Intl.DateTimeFormat("en-US", {
        timeZone: tz,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      }));
    }
    return formatters.get(tz);
  }

  /* The local calendar date and clock time of an instant in a time zone. */
  function parts(ms, tz) {
    var result = {};
    partsFormatter(tz)
      .formatToParts(new Date(ms))
      .forEach(function (part) {
        if (part.type !== "literal") {
          result[part.type] = parseInt(part.value, 10);
        }
      });
    if (result.hour === 24) {
      result.hour = 0;
    }
    return result;
  }

  /* The zone's offset from UTC at an instant, in minutes. */
  function offset(ms, tz) {
    var p = parts(ms, tz);
    var asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE);
  }

  /* The instant of a local clock time (minute 1440 is the midnight that ends the day). */
  function localInstant(date, minute, tz) {
    var guess = Date.UTC(date.year, date.month - 1, date.day, 0, minute);
    var before = offset(guess - DAY_MS, tz);
    var after = offset(guess + DAY_MS, tz);
    var valid = [before, after]
      .map(function (o) {
        return guess - o * MINUTE;
      })
      .filter(function (t) {
        return offset(t, tz) === (guess - t) / MINUTE;
      });
    if (valid.length) {
      return Math.min.apply(null, valid); /* the first occurrence of a repeated time */
    }
    return guess - before * MINUTE; /* a skipped time: the offset before the change */
  }

  /* A calendar date moved by some days; dates are {year, month, day}. */
  function addDays(date, days) {
    var d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  function weekday(date) {
    return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
  }

  function isoDate(date) {
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return date.year + "-" + pad(date.month) + "-" + pad(date.day);
  }

  function iso(ms) {
    return new Date(ms).toISOString().replace(".000Z", "Z");
  }

  function merge(spans) {
    var sorted = spans
      .filter(function (s) {
        return s[0] < s[1];
      })
      .sort(function (a, b) {
        return a[0] - b[0] || a[1] - b[1];
      });
    var merged = [];
    sorted.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) {
        last[1] = Math.max(last[1], s[1]);
      } else {
        merged.push([s[0], s[1]]);
      }
    });
    return merged;
  }

  function intersect(a, b) {
    var result = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var start = Math.max(a[i][0], b[j][0]);
      var end = Math.min(a[i][1], b[j][1]);
      if (start < end) {
        result.push([start, end]);
      }
      if (a[i][1] < b[j][1]) {
        i += 1;
      } else {
        j += 1;
      }
    }
    return result;
  }

  function subtract(spans, removed) {
    var result = [];
    spans.forEach(function (s) {
      var start = s[0];
      removed.forEach(function (cut) {
        if (cut[1] <= start || cut[0] >= s[1]) {
          return;
        }
        if (cut[0] > start) {
          result.push([start, cut[0]]);
        }
        start = Math.max(start, cut[1]);
      });
      if (start < s[1]) {
        result.push([start, s[1]]);
      }
    });
    return result;
  }

  /* ---- people's working time --------------------------------------------------------------- */

  function awayOn(person, date) {
    var day = isoDate(date);
    for (var i = 0; i < person.away.length; i++) {
      if (person.away[i][0] <= day && day <= person.away[i][1]) {
        return person.away[i];
      }
    }
    return null;
  }

  /* A person's spans of one of their local dates, as instants. */
  function spansOn(person, date, hours, honourLeave) {
    if (person.days.indexOf(weekday(date)) < 0 || (honourLeave && awayOn(person, date))) {
      return [];
    }
    return merge(
      hours.map(function (h) {
        return [localInstant(date, h[0], person.tz), localInstant(date, h[1], person.tz)];
      })
    );
  }

  function localDate(ms, tz) {
    var p = parts(ms, tz);
    return { year: p.year, month: p.month, day: p.day };
  }

  /* Walk a person's working spans from an instant on, calling visit(start, end) until it returns true. */
  function walk(person, from, visit) {
    var date = localDate(from, person.tz);
    for (var i = 0; i < SEARCH_DAYS; i++) {
      var spans = spansOn(person, addDays(date, i), person.hours, true);
      for (var k = 0; k < spans.length; k++) {
        var start = Math.max(spans[k][0], from);
        if (spans[k][1] > start && visit(start, spans[k][1])) {
          return true;
        }
      }
    }
    return false;
  }

  function dayMinutes(person) {
    return person.hours.reduce(function (sum, h) {
      return sum + h[1] - h[0];
    }, 0);
  }

  function workingMs(person, within) {
    var minutes = within.amount;
    if (within.unit === "days") {
      minutes = within.amount * dayMinutes(person);
    } else if (within.unit === "hours") {
      minutes = within.amount * 60;
    }
    return minutes * MINUTE;
  }

  /* When an answer is due: the response time counted in the recipient's working time. */
  function respondBy(person, within, sent) {
    var remaining = workingMs(person, within);
    var deadline = null;
    walk(person, sent, function (start, end) {
      if (remaining <= end - start) {
        deadline = start + remaining;
        return true;
      }
      remaining -= end - start;
      return false;
    });
    return deadline;
  }

  /* The working span a person is in at an instant, or the next one. */
  function currentOrNext(person, now) {
    var found = null;
    walk(person, now, function (start, end) {
      found = [start, end];
      return true;
    });
    return found;
  }

  /* ---- formatting ------------------------------------------------------------------------ */

  function format(ms, tz, withDay) {
    var options = { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (withDay) {
      options.weekday = "short";
      options.day = "numeric";
      options.month = "short";
    }
    return new Intl.DateTimeFormat(undefined, options).format(new Date(ms));
  }

  function sameLocalDay(a, b, tz) {
    return isoDate(localDate(a, tz)) === isoDate(localDate(b, tz));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function timeEl(ms, tz, now) {
    var node = el("time", null, format(ms, tz, !sameLocalDay(ms, now, tz)));
    node.setAttribute("datetime", iso(ms));
    return node;
  }

  function append(parent, items) {
    items.forEach(function (item) {
      parent.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
    });
    return parent;
  }

  function duration(ms) {
    var minutes = Math.round(ms / MINUTE);
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    if (hours >= 48) {
      return Math.round(hours / 24) + " days";
    }
    return (hours ? hours + " h " : "") + rest + " min";
  }

  /* ---- widgets --------------------------------------------------------------------------- */

  function coreNowOrNext(core, now) {
    if (!core) {
      return null;
    }
    var today = localDate(now, "UTC");
    for (var i = 0; i < 8; i++) {
      var date = addDays(today, i);
      if (core.days.indexOf(weekday(date)) < 0) {
        continue;
      }
      var start = Date.UTC(date.year, date.month - 1, date.day, 0, core.start);
      var end = Date.UTC(date.year, date.month - 1, date.day, 0, core.end);
      if (end > now) {
        return [start, end];
      }
    }
    return null;
  }

  function renderWorkingNow(root, data, reader, now) {
    var box = el("div", "th-now");
    var intro = append(el("p", "th-now__intro"), ["Your time zone: "]);
    intro.appendChild(el("strong", "th-now__zone", reader));
    append(intro, [", now ", timeEl(now, reader, now), "."]);
    box.appendChild(intro);
    var core = coreNowOrNext(data.core, now);
    if (core) {
      var line = el("p", "th-now__core");
      if (core[0] <= now) {
        append(line, ["The core window is on now, until ", timeEl(core[1], reader, now), " your time."]);
      } else {
        append(line, [
          "The next core window is ",
          timeEl(core[0], reader, now),
          "–",
          timeEl(core[1], reader, core[0]),
          " your time, in " + duration(core[0] - now) + ".",
        ]);
      }
      box.appendChild(line);
    }
    var list = el("ul", "th-now__list");
    var working = 0;
    data.people.forEach(function (person) {
      var item = el("li", "th-now__person");
      item.setAttribute("data-handle", person.handle);
      item.appendChild(el("strong", null, person.name));
      var away = awayOn(person, localDate(now, person.tz));
      var span = currentOrNext(person, now);
      var isWorking = !!span && span[0] <= now;
      item.setAttribute("data-working", isWorking ? "true" : "false");
      if (isWorking) {
        working += 1;
        item.classList.add("th-now__person--working");
        append(item, [" is working, until ", timeEl(span[1], person.tz, now), " their time (", timeEl(span[1], reader, now), " yours)."]);
      } else {
        item.classList.add("th-now__person--off");
        append(item, [away ? " is away" + (away[2] ? " (" + away[2] + ")" : "") : " is off"]);
        if (span) {
          append(item, [", back ", timeEl(span[0], person.tz, now), " their time (", timeEl(span[0], reader, now), " yours)."]);
        } else {
          item.appendChild(document.createTextNode("."));
        }
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(el("p", "th-now__count", working + " of " + data.people.length + " working now."));
    root.replaceChildren(box);
  }

  function option(value, label) {
    var node = el("option", null, label);
    node.value = value;
    return node;
  }

  function field(label, control) {
    var wrapper = el("label", "th-reply__field");
    wrapper.appendChild(el("span", "th-reply__label", label));
    wrapper.appendChild(control);
    return wrapper;
  }

  function buildEstimator(root, data) {
    var form = el("form", "th-reply");
    form.setAttribute("aria-label", "When to expect an answer");
    var to = el("select");
    to.name = "to";
    data.people.forEach(function (person) {
      to.appendChild(option(person.handle, person.name + " (" + person.tz + ")"));
    });
    var urgency = el("select");
    urgency.name = "urgency";
    data.tiers.forEach(function (tier) {
      urgency.appendChild(option(tier.name, tier.label + " — " + tier.within.label));
    });
    var normal = data.tiers.filter(function (tier) {
      return tier.name === "normal";
    });
    if (normal.length) {
      urgency.value = "normal";
    }
    form.appendChild(field("To", to));
    form.appendChild(field("Urgency", urgency));
    var channel = null;
    if (data.channels.length) {
      channel = el("select");
      channel.name = "channel";
      channel.appendChild(option("", "Any channel"));
      data.channels.forEach(function (c) {
        channel.appendChild(option(c.name, c.label));
      });
      form.appendChild(field("On", channel));
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var answer = el("p", "th-reply__answer");
    answer.setAttribute("aria-live", "polite");
    root.replaceChildren(form, answer);
    if (data.escalation) {
      root.appendChild(append(el("p", "th-reply__note"), ["Truly urgent? Do not wait: " + data.escalation + "."]));
    }
    return { to: to, urgency: urgency, channel: channel, answer: answer };
  }

  function renderAnswer(controls, data, reader, now) {
    var person = data.people.filter(function (p) {
      return p.handle === controls.to.value;
    })[0];
    var tier = data.tiers.filter(function (t) {
      return t.name === controls.urgency.value;
    })[0];
    if (!person || !tier) {
      return;
    }
    var within = (controls.channel && tier.channels[controls.channel.value]) || tier.within;
    var deadline = respondBy(person, within, now);
    var answer = controls.answer;
    if (deadline === null) {
      answer.replaceChildren(document.createTextNode(person.name + " has no working time in the coming months."));
      return;
    }
    var mine = timeEl(deadline, reader, now);
    mine.className = "th-reply__deadline";
    answer.replaceChildren();
    append(answer, [
      "If you send it now, expect an answer by ",
      el("strong", null, ""),
      " your time (",
      timeEl(deadline, person.tz, now),
      " for " + person.name + ", " + person.tz + "): " + within.label + " of their working time.",
    ]);
    answer.querySelector("strong").appendChild(mine);
    var away = awayOn(person, localDate(now, person.tz));
    if (away) {
      var backup = data.people.filter(function (p) {
        return p.handle === person.backup;
      })[0];
      answer.appendChild(
        document.createTextNode(
          " " + person.name + " is away until " + away[1] + (backup ? "; " + backup.name + " is their backup." : ".")
        )
      );
    }
  }

  /* ---- strips ---------------------------------------------------------------------------- */

  function personSpans(person, from, to, hours) {
    var first = addDays(localDate(from, person.tz), -1);
    var spans = [];
    for (var i = 0; i < 4; i++) {
      spans = spans.concat(spansOn(person, addDays(first, i), hours(person), false));
    }
    return intersect(merge(spans), [[from, to]]);
  }

  function focusHours(data) {
    return function (person) {
      var parts = [];
      data.focus.forEach(function (block) {
        person.hours.forEach(function (h) {
          var start = Math.max(h[0], block[0]);
          var end = Math.min(h[1], block[1]);
          if (start < end) {
            parts.push([start, end]);
          }
        });
      });
      return parts;
    };
  }

  function coreSpans(core, from, to) {
    if (!core) {
      return [];
    }
    var spans = [];
    var first = addDays(localDate(from, "UTC"), -1);
    for (var i = 0; i < 4; i++) {
      var date = addDays(first, i);
      if (core.days.indexOf(weekday(date)) >= 0) {
        spans.push([Date.UTC(date.year, date.month - 1, date.day, 0, core.start), Date.UTC(date.year, date.month - 1, date.day, 0, core.end)]);
      }
    }
    return intersect(merge(spans), [[from, to]]);
  }

  function bar(kind, spans, from, to) {
    return spans.map(function (s) {
      var node = el("span", "th-strips__span th-strips__span--" + kind);
      node.style.left = ((s[0] - from) / (to - from)) * 100 + "%";
      node.style.width = ((s[1] - s[0]) / (to - from)) * 100 + "%";
      return node;
    });
  }

  function readerDay(data, reader, now) {
    var today = localDate(now, reader);
    for (var i = 0; i < 7; i++) {
      var date = addDays(today, i);
      var from = localInstant(date, 0, reader);
      var to = localInstant(date, 1440, reader);
      var anyone = data.people.some(function (person) {
        return personSpans(person, from, to, function (p) {
          return p.hours;
        }).length;
      });
      if (anyone) {
        return { date: date, from: from, to: to };
      }
    }
    return null;
  }

  function drawStrips(root, data, reader, now) {
    var day = readerDay(data, reader, now);
    if (!day) {
      return;
    }
    var everyone = null;
    var core = coreSpans(data.core, day.from, day.to);
    var focus = focusHours(data);
    data.people.forEach(function (person) {
      var row = root.querySelector('.th-strips__row[data-handle="' + CSS.escape(person.handle) + '"] .th-strips__bar');
      var work = personSpans(person, day.from, day.to, function (p) {
        return p.hours;
      });
      everyone = everyone === null ? work : intersect(everyone, work);
      if (row) {
        row.replaceChildren.apply(
          row,
          bar("work", work, day.from, day.to)
            .concat(bar("focus", subtract(personSpans(person, day.from, day.to, focus), core), day.from, day.to))
            .concat(bar("core", core, day.from, day.to))
        );
      }
    });
    var all = root.querySelector(".th-strips__row[data-everyone] .th-strips__bar");
    if (all) {
      all.replaceChildren.apply(all, bar("overlap", everyone || [], day.from, day.to).concat(bar("core", core, day.from, day.to)));
    }
    root.querySelectorAll(".th-strips__bar").forEach(function (node) {
      if (now >= day.from && now < day.to) {
        node.appendChild(bar("now", [[now, now + MINUTE]], day.from, day.to)[0]);
      }
    });
    var caption = root.querySelector(".th-strips__caption");
    if (caption) {
      var label = new Intl.DateTimeFormat(undefined, {
        timeZone: "UTC",
        weekday: "long",
        day: "numeric",
        month: "long",
      }).format(new Date(Date.UTC(day.date.year, day.date.month - 1, day.date.day)));
      var time = el("time", null, label);
      time.setAttribute("datetime", isoDate(day.date));
      caption.replaceChildren(document.createTextNode("Working hours on "), time, document.createTextNode(", in your time (" + reader + ")."));
    }
    root.setAttribute("data-zone", reader);
  }

  function setUpStrips(root, data, reader) {
    var original = root.cloneNode(true);
    var toggle = el("p", "th-strips__toggle");
    var mine = el("button", "th-strips__button", "Your time (" + reader + ")");
    var utc = el("button", "th-strips__button", "UTC");
    mine.type = utc.type = "button";
    toggle.appendChild(document.createTextNode("Show: "));
    append(toggle, [mine, " ", utc]);
    var show = function (local) {
      mine.setAttribute("aria-pressed", local ? "true" : "false");
      utc.setAttribute("aria-pressed", local ? "false" : "true");
      root.setAttribute("data-local", local ? "true" : "false");
      if (local) {
        drawStrips(root, data, reader, Date.now());
      } else {
        var fresh = original.cloneNode(true);
        root.replaceChildren.apply(root, Array.prototype.slice.call(fresh.childNodes));
        root.insertBefore(toggle, root.firstChild);
        root.setAttribute("data-zone", "UTC");
      }
    };
    mine.addEventListener("click", function () {
      show(true);
    });
    utc.addEventListener("click", function () {
      show(false);
    });
    root.insertBefore(toggle, root.firstChild);
    show(true);
    return function () {
      if (root.getAttribute("data-local") === "true") {
        show(true);
      }
    };
  }

  /* ---- set-up ---------------------------------------------------------------------------- */

  function readData(doc) {
    var holder = doc.querySelector(".th-agreement-data[data-agreement]");
    if (!holder) {
      return null;
    }
    try {
      return JSON.parse(holder.getAttribute("data-agreement"));
    } catch (error) {
      console.error("teamhandbook: the agreement data on this page cannot be read: " + error);
      return null;
    }
  }

  function init() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    var widgets = document.querySelectorAll("[data-th-widget]");
    var data = widgets.length ? readData(document) : null;
    if (!data) {
      return;
    }
    var reader = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    var updates = [];
    widgets.forEach(function (root) {
      var kind = root.getAttribute("data-th-widget");
      if (kind === "working-now") {
        updates.push(function () {
          renderWorkingNow(root, data, reader, Date.now());
        });
      } else if (kind === "reply-estimator") {
        var controls = buildEstimator(root, data);
        var update = function () {
          renderAnswer(controls, data, reader, Date.now());
        };
        [controls.to, controls.urgency, controls.channel].forEach(function (control) {
          if (control) {
            control.addEventListener("change", update);
          }
        });
        updates.push(update);
      } else if (kind === "strips") {
        updates.push(setUpStrips(root, data, reader));
      }
    });
    var refresh = function () {
      updates.forEach(function (update) {
        update();
      });
    };
    refresh();
    timer = setInterval(refresh, 60000);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
