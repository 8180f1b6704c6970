// Draws every chart of the page from the ECharts option its element carries (data-chart), made on the server;
// without animation, so what a screenshot or a reader sees first is the final chart.
document.querySelectorAll('.chart[data-chart]').forEach(function (element) {
  var chart = echarts.init(element, null, { renderer: 'canvas' });
  var option = JSON.parse(element.dataset.chart);
  option.animation = false;
  chart.setOption(option);
  window.addEventListener('resize', function () { chart.resize(); });
});
