const greeting = document.querySelector('[data-greeting]');
if (greeting) {
    greeting.textContent += ' (assets built by Vite)';
}
