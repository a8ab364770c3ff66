// The host page's own behaviour, which a crashed widget must leave working.
document.getElementById("counter").addEventListener("click", (e) => {
  e.target.textContent = String(Number(e.target.textContent) + 1);
});
