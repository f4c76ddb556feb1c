// 找驿站: ask the browser for the position and search from it (the form works without this too).
(function () {
  var button = document.getElementById("locate");
  if (!button || !navigator.geolocation) { if (button) button.hidden = true; return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var note = document.getElementById("locate-note");
    note.textContent = "正在获取您的位置…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      window.location.search = "?lng=" + pos.coords.longitude.toFixed(6) + "&lat=" + pos.coords.latitude.toFixed(6);
    }, function () {
      note.textContent = "无法获取位置，请在下面选择您所在的街道。";
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
})();
