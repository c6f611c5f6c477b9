// No first message lost: a message sent while the page is still connecting stays in the box;
// when that happens, press send again for the user as soon as the page is ready.
(function () {
  let pending = 0;
  function retry() {
    const input = document.getElementById("chat-input");
    const send = document.getElementById("chat-submit");
    const text = input ? (input.value || "").trim() : "";
    if (!text || pending <= 0) { pending = 0; return; }  // sent (the box was cleared), or given up
    pending -= 1;
    if (send && !send.disabled) send.click();
    setTimeout(retry, 500);
  }
  document.addEventListener("keydown", function (e) {
    if (e.target && e.target.id === "chat-input" && e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      pending = 40;  // about 20 s of retries at most
      setTimeout(retry, 700);
    }
  }, true);
})();
