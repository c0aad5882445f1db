// /login: log in, or sign up (the first account on a fresh install is the admin).
import { $, api, errorBox } from './lib.js';

let signup = new URLSearchParams(location.search).has('signup');

// Where to go after logging in: next, resolved by the browser's own URL parser against this
// page, and only when it stays on this origin ("/\\host", "/<tab>/host" and "//host" do not).
function nextUrl() {
  const n = new URLSearchParams(location.search).get('next') || '/images';
  let u;
  try {
    u = new URL(n, location.href);
  } catch {
    return '/images';
  }
  return u.origin === location.origin ? u.pathname + u.search + u.hash : '/images';
}

function render() {
  $('#auth-title').textContent = signup ? 'Create your account' : 'Log in to Images';
  $('#auth-sub').textContent = signup ? 'The first account on a new install is the administrator.' : 'Welcome back. Make something.';
  $('#name-field').hidden = !signup;
  $('#submit').textContent = signup ? 'Sign up' : 'Log in';
  $('#switch-text').textContent = signup ? 'Already have an account?' : 'New here?';
  $('#switch-btn').textContent = signup ? 'Log in' : 'Create an account';
  $('#password').autocomplete = signup ? 'new-password' : 'current-password';
  $('#auth-error').replaceChildren();
  document.title = signup ? 'Sign up — Images' : 'Log in — Images';
}

function init() {
  render();
  $('#switch-btn').addEventListener('click', () => {
    signup = !signup;
    render();
    (signup ? $('#name') : $('#email')).focus();
  });
  $('#auth').addEventListener('submit', async (e) => {
    e.preventDefault();
    const email = $('#email').value.trim();
    const password = $('#password').value;
    const name = $('#name').value.trim();
    const box = $('#auth-error');
    box.replaceChildren();
    if (!email || !email.includes('@')) return box.append(errorBox('Please enter your email address.'));
    if (password.length < 8) return box.append(errorBox('The password needs at least 8 characters.'));
    $('#submit').disabled = true;
    try {
      if (signup) await api('POST', '/backend-api/auth/signup', { email, password, name: name || email.split('@')[0] });
      else await api('POST', '/backend-api/auth/login', { email, password });
      location.href = nextUrl();
    } catch (err) {
      let msg = err.message;
      if (err.status === 401) msg = 'That email and password do not match.';
      if (err.status === 409) msg = 'An account with this email already exists. Log in instead.';
      box.append(errorBox(msg));
      $('#submit').disabled = false;
    }
  });
  $('#email').focus();
}

init();
