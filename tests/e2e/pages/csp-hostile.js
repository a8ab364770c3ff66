// The hostile partner page's scripts (as in www/partner-hostile.html), as a file, so a page
// under a strict Content-Security-Policy (no inline script) can run them: a broken
// Array/Object prototype must not stop the widget.
Array.prototype.includes = function () { return false; };
Object.prototype.polluted = "yes";
