// Print buttons on the attendee list and the week poster (the page works without this too).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});
