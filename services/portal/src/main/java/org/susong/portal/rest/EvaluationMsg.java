package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The evaluation page's words (issue 18 item 4, measure D3): Chinese first (this interface), English in
 * {@code messages/eval_en.properties}; templates read them as {@code {eval:...}}. A bundle of its own because
 * {@code Msg} is near the 300 messages Quarkus 3.33's Qute can generate (quarkusio/quarkus#55584).
 * {@code EvaluationMessagesTest} fails on a word the English file lacks.
 */
@MessageBundle(value = "eval", locale = "zh")
public interface EvaluationMsg {

    @Message("定期评估（按措施、区、季度）")
    String title();

    @Message("建立定期评估机制（D3）：按措施 × 区 × 申报季度（厦门时间）统计申请、核准与驳回、金额、兑付时长、免申即享与申请兑现、复议（申诉）结果；由门户自有数据库中的事件投影计算。")
    String intro();

    @Message("只显示本区（{district}）的数据。")
    String ownDistrictOnly(String district);

    @Message("年度")
    String filterYear();

    @Message("季度")
    String filterQuarter();

    @Message("措施")
    String filterMeasure();

    @Message("区")
    String filterDistrict();

    @Message("全部")
    String all();

    @Message("筛选")
    String apply();

    @Message("导出 CSV")
    String exportCsv();

    @Message("导出 XLSX")
    String exportXlsx();

    @Message("评估数据")
    String caption();

    @Message("季度")
    String colQuarter();

    @Message("措施")
    String colMeasure();

    @Message("区")
    String colDistrict();

    @Message("申请数（申请 / 免申即享）")
    String colApplications();

    @Message("核准（核准率）")
    String colApprovals();

    @Message("驳回（驳回率）")
    String colRejections();

    @Message("未决")
    String colPending();

    @Message("主要驳回原因（未满足的条件）")
    String colReasons();

    @Message("核定金额（元）")
    String colDecided();

    @Message("已兑付金额（元）")
    String colPaid();

    @Message("申报至兑付：中位数 / 第 90 百分位（小时；天）")
    String colTimeToPayment();

    @Message("兑现：免申即享 / 申请")
    String colAwards();

    @Message("复议：提出 / 改判核准 / 维持 / 未决")
    String colAppeals();

    @Message("合计")
    String totals();

    @Message("没有符合条件的数据。")
    String none();

    @Message("按上述定义重新从事件日志（偏移量 0）构建评估数据")
    String rebuildButton();

    @Message("重建已开始：完成后页面将显示新的数据。")
    String rebuildStarted();

    @Message("已有一次重建正在进行，请稍后再试。")
    String rebuildRunning();

    @Message("正在重建第 {generation} 代数据；当前显示的仍是上一代。")
    String rebuilding(int generation);

    @Message("上次重建失败（{why}），当前数据保持不变。")
    String rebuildFailed(String why);

    @Message("数据第 {generation} 代，于 {at} 从事件日志重建。")
    String rebuiltAt(String at, int generation);

    @Message("数据第 {generation} 代（随事件实时更新，尚未重建过）。")
    String neverRebuilt(int generation);

    @Message("本门户未启用评估数据（susong.portal.evaluation.enabled=false：没有消息代理和门户数据库），因此无法显示评估。")
    String switchedOff();

    @Message("评估数据库暂时无法读取，请稍后再试。")
    String storeUnavailable();

    @Message("筛选条件“{field}”无效。")
    String invalidFilter(String field);

    @Message("定义：结果为最新一次核准或驳回的决定（复议改判取代原决定）；比率以已决定（核准+驳回）为分母；已兑付为每个支付指令最新状态为已付或已转换者之和（退回则不计）；时长为申报至首次兑付，中位数与第 90 百分位按最近秩计算。")
    String definitions();
}
