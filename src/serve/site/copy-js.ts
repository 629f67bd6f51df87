/**
 * The site's only script: the copy button beside a feed URL. Buttons are
 * rendered `hidden`; without script they stay hidden and the URL field is
 * still there to select and copy by hand.
 */
export const COPY_JS = `"use strict";
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = "Đã chép";
      setTimeout(function () { button.textContent = "Sao chép"; }, 2000);
    }, function () {
      field.focus();
      field.select();
    });
  });
});
`;
