// 评分表：逐项输入时即时显示合计；超出分值的格子标出来（提交时服务器仍会逐项核对）。
(function () {
  "use strict";
  var form = document.getElementById("score");
  var total = document.getElementById("score-total");
  if (!form || !total) return;
  var inputs = form.querySelectorAll("input[data-max]");

  function update() {
    var sum = 0;
    inputs.forEach(function (input) {
      var value = input.value.trim();
      var number = Number(value);
      var bad = value !== "" && (!Number.isInteger(number) || number < 0 || number > Number(input.dataset.max));
      input.classList.toggle("is-invalid", bad);
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      if (value !== "" && !bad) sum += number;
    });
    total.textContent = String(sum);
  }

  inputs.forEach(function (input) { input.addEventListener("input", update); });
  update();
})();
