// The registrar's statistics charts (Apache ECharts, served by the portal from its webjar): each breakdown's chart
// (a div.chart inside the breakdown's section) draws that section's table as bars: the contracts counted and the
// technical transaction amount in yuan. The table is the accessible version; the chart is aria-hidden and adds nothing
// the table lacks. Without script, or without ECharts, the tables alone show.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  document.querySelectorAll('div.chart').forEach(function (target) {
    var section = target.closest('section');
    var table = section && section.querySelector('table');
    if (!table) {
      return;
    }
    var labels = [];
    var counts = [];
    var amounts = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var cells = row.querySelectorAll('td');
      labels.push(row.querySelector('th').textContent.trim());
      counts.push(Number(cells[0].textContent.replace(/,/g, '')));
      amounts.push(Number(cells[2].textContent.replace(/,/g, '')));
    });
    var count = target.dataset.countLabel;
    var amount = target.dataset.amountLabel;
    var chart = window.echarts.init(target);
    chart.setOption({
      animation: false,
      tooltip: {trigger: 'axis'},
      legend: {data: [count, amount]},
      grid: {containLabel: true},
      xAxis: {type: 'category', data: labels},
      yAxis: [{type: 'value', name: count}, {type: 'value', name: amount}],
      series: [{name: count, type: 'bar', data: counts},
               {name: amount, type: 'bar', yAxisIndex: 1, data: amounts}]
    });
    window.addEventListener('resize', function () {
      chart.resize();
    });
  });
})();
