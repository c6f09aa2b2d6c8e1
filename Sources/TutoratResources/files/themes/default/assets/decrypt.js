// Opens a page encrypted by `tutorat build --keys` (README, "Encrypted private
// pages"), with WebCrypto only: nothing is sent anywhere, no library is loaded.
// The scheme mirrors Sources/TutoratCrypto: for each slot of the envelope,
// PBKDF2-SHA256(passphrase, slot salt) unwraps the page key (AES-256-GCM), and
// the page key decrypts the page, whose path is its additional data.
(function () {
  'use strict';
  var box = document.getElementById('locked');
  var source = document.getElementById('tutorat-envelope');
  if (!box || !source) return;
  var form = document.getElementById('locked-form');
  var input = document.getElementById('locked-passphrase');
  var showPassphrase = document.getElementById('locked-show');
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
  form.hidden = false;

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

  function unwrap(slot, passphrase) {
    var subtle = window.crypto.subtle;
    return subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey'])
      .then(function (material) {
        return subtle.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes(slot.salt), iterations: envelope.iterations},
          material, {name: 'AES-GCM', length: 256}, false, ['decrypt']);
      })
      .then(function (key) {
        return subtle.decrypt({name: 'AES-GCM', iv: bytes(slot.nonce), additionalData: wrapData}, key, bytes(slot.key));
      })
      .then(function (raw) { return subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']); },
            function () { return null; }); // this slot is someone else's
  }

  // Every slot at once: WebCrypto runs the derivations off the main thread,
  // so the coordinator waits no longer than the tutee.
  function pageKey(passphrase) {
    return Promise.all(envelope.slots.map(function (slot) { return unwrap(slot, passphrase); }))
      .then(function (keys) { return keys.filter(Boolean)[0] || null; });
  }

  function decrypt(sealed, key) {
    return window.crypto.subtle.decrypt({name: 'AES-GCM', iv: bytes(sealed.nonce), additionalData: fileData(sealed.path)},
      key, bytes(sealed.data));
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
    error.textContent = '';
    status.textContent = words.working;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    pageKey(passphrase).then(function (key) {
      if (!key) return fail(words.wrong);
      return decrypt(envelope, key).then(function (plain) {
        show(new TextDecoder().decode(plain), key);
      }, function () { fail(words.damaged); });
    }).catch(function () { fail(words.damaged); });
  });

  // The decrypted page replaces this one whole, so that it works as it would
  // unencrypted; this script's state survives (document.open keeps the window).
  function show(html, key) {
    var exports = (words.exports || '').split(' ').filter(Boolean).map(function (href) {
      return new URL(href, document.baseURI).href;
    });
    var downloadFailed = words.downloadFailed;
    document.open();
    document.write(html);
    document.close();
    var main = document.getElementById('main');
    if (main) main.focus();
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
