// The live strength meter: sends what is typed to the portal, which asks Latchkey's estimator
// (passwords().strength) and answers with a percentage and advice. No scoring happens here.
document.addEventListener('DOMContentLoaded', function () {
  var input = document.querySelector('input[data-strength]');
  if (!input) {
    return;
  }
  var csrf = document.querySelector('input[name=_csrf]').value;
  var meter = document.getElementById('strength-meter');
  var value = document.getElementById('strength-value');
  var feedback = document.getElementById('strength-feedback');
  var sequence = 0;
  var timer = null;

  function show(strength, length) {
    value.setAttribute('data-checked-length', String(length));
    meter.value = strength.percent;
    value.textContent = strength.percent + '%';
    value.setAttribute('data-percent', String(strength.percent));
    feedback.textContent = [strength.warning].concat(strength.suggestions)
      .filter(function (s) { return s; }).join(' ');
  }

  function check() {
    var mine = ++sequence;
    var length = input.value.length;
    fetch('/api/strength', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf },
      body: new URLSearchParams({ password: input.value })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (strength) {
      if (strength && mine === sequence) {
        show(strength, length);
      }
    }).catch(function () { /* the meter is advice; the form still works without it */ });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(check, 80);
  });
});
