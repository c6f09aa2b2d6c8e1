// Opens a page encrypted by `tutorat build --keys` (docs/visibility-and-encryption.md, "Encrypted private
// pages"), with WebCrypto only: nothing is sent anywhere, no library is loaded.
// The scheme mirrors Sources/TutoratCrypto: for each slot of the envelope,
// PBKDF2-SHA256(passphrase, slot salt) unwraps the page key (AES-256-GCM), and
// the page key decrypts the page, whose path is its additional data.
//
// A page opens only at its own address: the path in the envelope (authenticated
// as the content's additional data) must be the path this page is read at,
// relative to the site root. And with "keep me signed in on this tab" ticked,
// the wrapping key (never the passphrase) is kept in sessionStorage, which
// only this tab sees and which is gone when the tab is closed; every locked
// page tries the kept keys first.
(function () {
  'use strict';
  var box = document.getElementById('locked');
  var source = document.getElementById('tutorat-envelope');
  if (!box || !source) return;
  var script = document.currentScript;
  var form = document.getElementById('locked-form');
  var input = document.getElementById('locked-passphrase');
  var showPassphrase = document.getElementById('locked-show');
  var keep = document.getElementById('locked-keep');
  var error = document.getElementById('locked-error');
  var status = document.getElementById('locked-status');
  var button = form.querySelector('button');
  var words = box.dataset;
  var envelope = JSON.parse(source.textContent);

  // WebCrypto exists only in a secure context (https, localhost, a file);
  // over plain http the form could never work, so say why instead.
  if (!window.isSecureContext || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    document.getElementById('locked-insecure').hidden = false;
    return;
  }

  // The site root, as this page links to it ("../../", or the base_url); a
  // theme whose template has no data-root still links to theme/decrypt.js.
  var rootHref = words.root ||
    (script && script.src ? script.src.replace(/theme\/decrypt\.js(?:[?#].*)?$/, '') : './');
  var root = new URL(rootHref, location.href);

  // This page's path relative to the site root, as the build names its file:
  // "tutees/marie/index.html" whether read as .../tutees/marie/ or
  // .../tutees/marie/index.html, from a server, a sub-path or a file. Only the
  // path counts: the same site may be reached by more than one host name.
  function ownPath() {
    var here = location.pathname;
    if (here.indexOf(root.pathname) !== 0) return null;
    var relative = here.slice(root.pathname.length);
    if (relative === '' || relative.charAt(relative.length - 1) === '/') relative += 'index.html';
    try {
      return relative.split('/').map(decodeURIComponent).join('/');
    } catch (e) {
      return null;
    }
  }

  // A locked page copied to another page's address (another tutee's, say)
  // would open there with a passphrase or a kept key that opens both: refused.
  // The envelope's path cannot be edited to match instead, since it is the
  // content's additional data, which is also taken from the address below.
  var path = ownPath();
  if (path === null || path !== envelope.path) {
    var elsewhere = document.getElementById('locked-elsewhere');
    if (!elsewhere) {
      elsewhere = document.createElement('p');
      elsewhere.className = 'locked-message';
      elsewhere.setAttribute('role', 'alert');
      elsewhere.textContent = words.elsewhere || '';
      box.appendChild(elsewhere);
    }
    elsewhere.hidden = false;
    return;
  }

  var encoder = new TextEncoder();
  var wrapData = encoder.encode('tutorat wrap v1');

  function bytes(base64) {
    var text = atob(base64);
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  function fileData(path) {
    var label = encoder.encode('tutorat file v1');
    var name = encoder.encode(path);
    var out = new Uint8Array(label.length + 1 + name.length);
    out.set(label, 0);
    out.set(name, label.length + 1);
    return out;
  }

  function base64(buffer) {
    var view = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < view.length; i++) text += String.fromCharCode(view[i]);
    return btoa(text);
  }

  var subtle = window.crypto.subtle;

  // The wrapping key of one slot: PBKDF2 of the passphrase with the slot's
  // salt. Not kept, it is derived as a non-extractable key, as it always was.
  // To be kept, its 32 bytes are derived instead (sessionStorage holds only
  // text, and a CryptoKey can be stored only in IndexedDB, which every tab of
  // the site shares and which outlives the tab), then imported non-extractable.
  function wrappingKey(slot, passphrase, keepBytes) {
    var params = {name: 'PBKDF2', hash: 'SHA-256', salt: bytes(slot.salt), iterations: envelope.iterations};
    return subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, keepBytes ? ['deriveBits'] : ['deriveKey'])
      .then(function (material) {
        if (!keepBytes) {
          return subtle.deriveKey(params, material, {name: 'AES-GCM', length: 256}, false, ['decrypt'])
            .then(function (key) { return {key: key, raw: null}; });
        }
        return subtle.deriveBits(params, material, 256).then(function (raw) {
          return subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt'])
            .then(function (key) { return {key: key, raw: base64(raw)}; });
        });
      });
  }

  // The page key wrapped in a slot, or null when this wrapping key is not
  // that slot's (the tag fails): AES-GCM authenticates, so a key never opens
  // a page that has no slot for it.
  function unwrap(slot, wrapping) {
    return subtle.decrypt({name: 'AES-GCM', iv: bytes(slot.nonce), additionalData: wrapData}, wrapping.key, bytes(slot.key))
      .then(function (raw) { return subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']); })
      .then(function (key) { return {key: key, salt: slot.salt, raw: wrapping.raw}; },
            function () { return null; }); // this slot is someone else's
  }

  // Every slot at once: WebCrypto runs the derivations off the main thread,
  // so the coordinator waits no longer than the tutee.
  function pageKey(passphrase, keepBytes) {
    return Promise.all(envelope.slots.map(function (slot) {
      return wrappingKey(slot, passphrase, keepBytes).then(function (wrapping) { return unwrap(slot, wrapping); });
    })).then(function (found) { return found.filter(Boolean)[0] || null; });
  }

  // The content's additional data is the path of the page as read here (equal
  // to the envelope's, checked above), and an export's its own path.
  function decrypt(sealed, key, asPath) {
    return subtle.decrypt({name: 'AES-GCM', iv: bytes(sealed.nonce), additionalData: fileData(asPath || sealed.path)},
      key, bytes(sealed.data));
  }

  // The keys kept on this tab: [{salt, key}] in base64, one per person (a
  // salt is one passphrase's own), under a name of this site's root.
  var storeName = 'tutorat-keys ' + root.href;

  function keptKeys() {
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(storeName) || '[]');
      return Array.isArray(kept) ? kept.filter(function (entry) {
        return entry && typeof entry.salt === 'string' && typeof entry.key === 'string';
      }) : [];
    } catch (e) {
      return [];
    }
  }

  function keepKey(salt, raw) {
    var kept = keptKeys().filter(function (entry) { return entry.salt !== salt; });
    kept.push({salt: salt, key: raw});
    try {
      window.sessionStorage.setItem(storeName, JSON.stringify(kept));
    } catch (e) { /* storage refused: the page opens all the same */ }
  }

  function forgetKeys() {
    try {
      window.sessionStorage.removeItem(storeName);
    } catch (e) { /* nothing kept */ }
  }

  // The kept keys whose salt is one of this page's slots, tried silently: no
  // PBKDF2, so it takes milliseconds. Null when none opens the page.
  function openWithKeptKeys() {
    var attempts = [];
    keptKeys().forEach(function (entry) {
      envelope.slots.forEach(function (slot) {
        if (slot.salt !== entry.salt) return;
        attempts.push(subtle.importKey('raw', bytes(entry.key), 'AES-GCM', false, ['decrypt'])
          .then(function (key) { return unwrap(slot, {key: key, raw: null}); }, function () { return null; }));
      });
    });
    return Promise.all(attempts).then(function (found) {
      var key = found.filter(Boolean)[0];
      if (!key) return null;
      return decrypt(envelope, key.key, path).then(function (plain) { return {plain: plain, key: key.key}; },
                                                     function () { return null; });
    }).catch(function () { return null; });
  }

  function storageWorks() {
    try {
      var probe = 'tutorat-probe';
      window.sessionStorage.setItem(probe, '1');
      window.sessionStorage.removeItem(probe);
      return true;
    } catch (e) {
      return false;
    }
  }

  function fail(message) {
    status.textContent = '';
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    button.disabled = false;
    form.removeAttribute('aria-busy');
    input.focus();
    input.select();
  }

  showPassphrase.addEventListener('change', function () {
    input.type = showPassphrase.checked ? 'text' : 'password';
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    // Phones add a space after a word and may compose accents differently.
    var passphrase = input.value.trim().normalize('NFC');
    if (!passphrase) return input.focus();
    var keeping = !!(keep && keep.checked);
    error.textContent = '';
    status.textContent = words.working;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    pageKey(passphrase, keeping).then(function (found) {
      if (!found) return fail(words.wrong);
      return decrypt(envelope, found.key, path).then(function (plain) {
        if (keeping && found.raw) keepKey(found.salt, found.raw);
        show(new TextDecoder().decode(plain), found.key);
      }, function () { fail(words.damaged); });
    }).catch(function () { fail(words.damaged); });
  });

  // A theme's template without the box, or a browser that refuses storage
  // (some do for files on disk): the form works as before, without it.
  var keepRow = keep ? keep.closest('p') : null;
  var keepHint = document.getElementById('locked-keep-hint');
  if (keep && !storageWorks()) {
    keep.checked = false;
    if (keepRow) keepRow.hidden = true;
    if (keepHint) keepHint.hidden = true;
  }

  openWithKeptKeys().then(function (opened) {
    if (!opened) {
      form.hidden = false;
      return;
    }
    var html = new TextDecoder().decode(opened.plain);
    // document.open() while the parser still runs would write into this page.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () { show(html, opened.key); });
    } else {
      show(html, opened.key);
    }
  });

  // The decrypted page replaces this one whole, so that it works as it would
  // unencrypted; this script's state survives (document.open keeps the window).
  function show(html, key) {
    var exports = (words.exports || '').split(' ').filter(Boolean).map(function (href) {
      return new URL(href, document.baseURI).href;
    });
    var downloadFailed = words.downloadFailed;
    var lockLabel = words.lock;
    document.open();
    document.write(html);
    document.close();
    var main = document.getElementById('main');
    if (main) main.focus();
    // While this tab keeps keys, the opened page has a button that forgets
    // them and locks the page again.
    if (keptKeys().length && main && lockLabel) {
      var row = document.createElement('p');
      row.className = 'locked-session';
      var lock = document.createElement('button');
      lock.type = 'button';
      lock.id = 'locked-lock';
      lock.textContent = lockLabel;
      lock.addEventListener('click', function () {
        forgetKeys();
        location.reload();
      });
      row.appendChild(lock);
      var notice = main.querySelector('.notice-private');
      if (notice) notice.after(row); else main.insertBefore(row, main.firstChild);
      // Back to this page after "lock" on another: the browser may show it
      // from its cache as it was; lock it as well.
      window.addEventListener('pageshow', function (event) {
        if (event.persisted && !keptKeys().length) location.reload();
      });
    }
    if (!exports.length) return;
    // The page's exports are encrypted files too: fetched, decrypted with the
    // same page key, and handed to the browser as a download.
    document.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[href]') : null;
      if (!link || exports.indexOf(link.href) < 0) return;
      event.preventDefault();
      fetch(link.href, {cache: 'no-store'})
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (sealed) {
          return decrypt(sealed, key).then(function (plain) {
            var url = URL.createObjectURL(new Blob([plain], {type: sealed.type || 'application/octet-stream'}));
            var anchor = document.createElement('a');
            anchor.href = url;
            anchor.download = sealed.path.split('/').pop();
            document.body.appendChild(anchor);
            anchor.click();
            anchor.remove();
            setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
          });
        })
        .catch(function () {
          var note = document.createElement('span');
          note.setAttribute('role', 'alert');
          note.className = 'locked-download-failed';
          note.textContent = ' ' + downloadFailed;
          link.after(note);
        });
    });
  }
})();
