package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The finance bureau's reconciliation page words: Chinese first (this interface), English in
 * {@code messages/rcn_en.properties}; templates read them as {@code {rcn:...}}. A bundle of its own ({@code Msg} is
 * near Qute's 300 messages, quarkusio/quarkus#55584). {@code ReconMessagesTest} fails on a word the English file lacks.
 */
@MessageBundle(value = "rcn", locale = "zh")
public interface ReconMsg {

    @Message("对账")
    String title();

    @Message("银行回单的导入与对账报告：账户对账单（camt.053）的借记使付款单已付、贷记使其退回；状态报告（pain.002）的拒绝使付款单重新进入下一批次。同一文件再次导入不重复入账。")
    String intro();

    @Message("导入银行文件")
    String importTitle();

    @Message("文件类型")
    String kindLabel();

    @Message("{#when kind}{#is 'STATEMENT'}账户对账单（camt.053）{#is 'STATUS_REPORT'}支付状态报告（pain.002）{#else}{kind}{/when}")
    String kind(String kind);

    @Message("文件（XML）")
    String fileLabel();

    @Message("导入")
    String importSubmit();

    @Message("需要“银行文件导入”职责（bank-file-importer）；导入由付款服务核对并入账，本门户只转交文件。")
    String importDuty();

    @Message("请选择文件类型。")
    String kindRequired();

    @Message("请选择要导入的文件。")
    String fileRequired();

    @Message("文件不是 XML（ISO 20022 的 camt.053 或 pain.002）。")
    String fileNotXml();

    @Message("文件超过 {max} MB。")
    String fileTooLarge(int max);

    @Message("已导入 {id}：{items} 项，其中 {toLookAt} 项需核查。")
    String imported(String id, int items, long toLookAt);

    @Message("已导入的银行文件")
    String reportsCaption();

    @Message("暂无已导入的银行文件。")
    String noReports();

    @Message("文件")
    String colFile();

    @Message("类型")
    String colKind();

    @Message("导入时间")
    String colImportedAt();

    @Message("导入人")
    String colImportedBy();

    @Message("项数")
    String colItems();

    @Message("结果")
    String colOutcomes();

    @Message("需核查")
    String colToLookAt();

    @Message("需核查的项目")
    String lookAtCaption();

    @Message("参考号")
    String colReference();

    @Message("端到端标识")
    String colEndToEnd();

    @Message("记账类型")
    String colEntryKind();

    @Message("金额（元）")
    String colAmount();

    @Message("付款单")
    String colOrder();

    @Message("{#when outcome}{#is 'SETTLED'}已付{#is 'RETURNED'}已退回{#is 'REOPENED'}重新进入批次{#is 'ALREADY_BOOKED'}此前已入账{#is 'UNMATCHED'}未匹配付款单{#is 'AMOUNT_MISMATCH'}金额不符{#is 'IGNORED'}未入账（非 BOOK/RJCT）{#is 'STALE'}已作废批次{#is 'DUPLICATE_PAYMENT'}重复付款{#is 'NO_REFERENCE'}无参考号{#is 'OTHER_FILE'}其他文件的退回{#else}{outcome}{/when}")
    String outcome(String outcome);

    @Message("下一页")
    String nextPage();
}
