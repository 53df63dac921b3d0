// The budget page's chart (Apache ECharts from the portal's own webjar): allocated, reserved and disbursed per fiscal
// year, read from the year sections' data attributes (data-year, data-allocated, ... in yuan). The tables are the accessible
// version; the chart is hidden from assistive technology and absent without JavaScript.
(function () {
  var box = document.getElementById('budget-chart');
  if (!box || typeof echarts === 'undefined') {
    return;
  }
  var rows = document.querySelectorAll('section[data-year]');
  var years = [], allocated = [], reserved = [], disbursed = [];
  rows.forEach(function (r) {
    years.push(r.getAttribute('data-year'));
    allocated.push(Number(r.getAttribute('data-allocated')));
    reserved.push(Number(r.getAttribute('data-reserved')));
    disbursed.push(Number(r.getAttribute('data-disbursed')));
  });
  if (years.length === 0) {
    return;
  }
  box.hidden = false;
  var chart = echarts.init(box);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', name: box.getAttribute('data-unit') },
    series: [
      { name: box.getAttribute('data-allocated'), type: 'bar', data: allocated },
      { name: box.getAttribute('data-reserved'), type: 'bar', data: reserved },
      { name: box.getAttribute('data-disbursed'), type: 'bar', data: disbursed }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
