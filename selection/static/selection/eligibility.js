// 申报书的资格条件核对：修改表单后把表单内容（不含证明材料文件本身）发给服务器重新核对，不保存。
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  var panel = document.getElementById("eligibility");
  var submit = document.getElementById("submit-button");
  if (!form || !panel || !form.dataset.checkUrl) return;
  var timer = null;

  function render(data) {
    var list = panel.querySelector(".rule-list");
    list.textContent = "";
    data.results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "rule " + (r.passed ? "rule--passed" : "rule--failed");
      [["rule__mark", r.passed ? "✓" : "✗"], ["rule__name", r.name + (r.hard ? "" : "（参考）")],
       ["rule__state", r.passed ? "符合" : "不符合"], ["rule__reason", r.reason]].forEach(function (part) {
        var span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        if (part[0] === "rule__mark") span.setAttribute("aria-hidden", "true");
        li.appendChild(span);
      });
      list.appendChild(li);
    });
    if (submit) submit.setAttribute("aria-disabled", data.can_submit ? "false" : "true");
  }

  function check() {
    var data = new FormData(form);
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      data.delete(input.name);
      if (input.files.length) data.append(input.name.replace(/-evidence$/, "") + "-evidence-chosen", "1");
    });
    fetch(form.dataset.checkUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (json) { if (json) render(json); })
      .catch(function () {});
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
