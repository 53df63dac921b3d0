package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The registrar's words (issue 18 item 3: the review queue, a contract's review, the statistics): Chinese first (this
 * interface), English in {@code messages/reg_en.properties}; templates read them as {@code {reg:...}}, the shared words
 * stay in {@link Msg}. A bundle of its own because Quarkus 3.33's Qute generates invalid bytecode for a bundle of more
 * than 300 messages (quarkusio/quarkus#55584, fixed by #55653 in a later release): {@code Msg} has 228.
 * {@code RegistrarMessagesTest} fails on a word the English file lacks.
 */
@MessageBundle(value = "reg", locale = "zh")
public interface RegistrarMsg {

    @Message("待审核的技术合同（全市）")
    String registrarQueueTitle();

    @Message("已提交、等待登记机构审核的技术合同，全市各区；按技术合同服务的顺序列出（最新在前），每页 50 项；请先办理审核期限最早的。")
    String registrarQueueIntro();

    @Message("待审核的技术合同")
    String registrarQueueCaption();

    @Message("技术合同登记统计")
    String registrarStatsLink();

    @Message("合同类型")
    String colType();

    @Message("买方")
    String colBuyer();

    @Message("提交日期")
    String colSubmittedOn();

    @Message("（暂定）")
    String provisional();

    @Message("{#when type}{#is 'DEVELOPMENT'}技术开发{#is 'TRANSFER'}技术转让{#is 'LICENSING'}技术许可{#is 'CONSULTING'}技术咨询{#is 'SERVICE'}技术服务{#else}{type}{/when}")
    String contractType(String type);

    @Message("技术合同 {id}")
    String contractTitle(String id);

    @Message("未找到技术合同 {id}：它不存在，或您无权查看。")
    String contractNotFound(String id);

    @Message("返回待审核合同")
    String backToQueue();

    @Message("返回合同")
    String backToContract();

    @Message("合同条款")
    String sectionTerms();

    @Message("登记编号")
    String colRegistrationNumber();

    @Message("履行期限")
    String termPeriod();

    @Message("合同金额（元）")
    String colContractAmount();

    @Message("金砖国家身份")
    String bricsLabel();

    @Message("{#when status}{#is 'MEMBER'}金砖国家成员国{#is 'PARTNER'}金砖国家伙伴国{#is 'NONE'}非金砖国家{#else}{status}{/when}")
    String bricsStatus(String status);

    @Message("外地已登记、导入")
    String importedLabel();

    @Message("当事人")
    String sectionParties();

    @Message("当事人")
    String colParty();

    @Message("名称")
    String colName();

    @Message("统一社会信用代码")
    String colUscc();

    @Message("国家或地区")
    String colCountry();

    @Message("付款计划")
    String scheduleCaption();

    @Message("未列付款计划。")
    String noSchedule();

    @Message("到期日")
    String colDueOn();

    @Message("金额（元）")
    String colInstalmentAmount();

    @Message("登记审核")
    String sectionRegistrationReview();

    @Message("需专家评审")
    String expertReviewLabel();

    @Message("登记日期")
    String registeredOnLabel();

    @Message("决定日期")
    String decidedOnLabel();

    @Message("注销原因")
    String cancellationReasonLabel();

    @Message("不予登记的理由")
    String refusalsCaption();

    @Message("无不予登记的理由。")
    String noRefusals();

    @Message("{#when code}{#is 'INVALID_OR_NOT_EFFECTIVE'}合同无效或者尚未生效{#is 'NOT_A_TECHNOLOGY_CONTRACT'}不属于技术合同{#is 'UNCLEAR_PARTIES_SUBJECT_PRICE_OR_PAYMENT'}当事人、标的、价款或支付方式约定不明确{#is 'MISSING_STATE_APPROVAL'}依法应经有关部门审批而未审批{#is 'TITLE_NOT_MATCHING_RIGHTS_AND_OBLIGATIONS'}合同名称与权利义务不一致{#is 'ILLEGAL_TECHNOLOGY_MONOPOLY_CLAUSES'}含有非法垄断技术、妨碍技术进步的条款{#is 'MISSING_OR_INVALID_DOCUMENTS'}材料缺失或无效{#is 'SEAL_PROBLEMS'}印章问题{#is 'OTHER'}其他{#else}{code}{/when}")
    String refusalReason(String code);

    @Message("变更")
    String amendmentsCaption();

    @Message("无变更。")
    String noAmendments();

    @Message("提出日期")
    String colProposedOn();

    @Message("{#when outcome}{#is 'PENDING'}待审核{#is 'APPROVED'}已批准{#is 'REFUSED'}不予批准{#else}{outcome}{/when}")
    String amendmentOutcome(String outcome);

    @Message("审核决定")
    String decideTitle();

    @Message("予以登记")
    String registerTitle();

    @Message("予以登记后，技术合同服务签发 16 位登记编号，合同状态变为已登记。")
    String registerIntro();

    @Message("予以登记")
    String registerSubmit();

    @Message("不予登记")
    String refuseTitle();

    @Message("选择一项或多项理由；选择“其他”须填写说明，其他理由的说明可选。")
    String refuseIntro();

    @Message("不予登记的理由（至少一项）")
    String refusalReasonsLegend();

    @Message("说明：{reason}")
    String reasonText(String reason);

    @Message("选择“其他”时必填")
    String otherNeedsText();

    @Message("不予登记")
    String refuseSubmit();

    @Message("请至少选择一项理由。")
    String invalidReasons();

    @Message("未知的理由：{code}。")
    String unknownReason(String code);

    @Message("选择“其他”须填写说明。")
    String reasonTextRequired();

    @Message("说明最多 2000 字。")
    String reasonTextTooLong();

    @Message("填写了说明，但未选择此理由：请选择它，或清空说明。")
    String reasonTextUnchosen();

    @Message("有 {count} 项需要修改（见下方标注），未发送任何决定。")
    String refuseInvalid(int count);

    @Message("已予登记，登记编号 {number}。")
    String registeredNotice(String number);

    @Message("已决定不予登记。")
    String refusedNotice();

    @Message("{year} 年技术合同登记统计")
    String statisticsTitle(int year);

    @Message("技术合同服务统计的该年已登记（未注销）合同：数量、合同金额和技术交易额，与上年相比的增长，以及按月份、合同类型、所在区等的分组。")
    String statisticsIntro();

    @Message("{year} 年没有已登记的合同。")
    String statisticsNone(int year);

    @Message("年份无效：{year}（须为 1990 年起的四位数年份）。")
    String invalidYear(String year);

    @Message("上一年（{year}）")
    String previousYearLink(int year);

    @Message("下一年（{year}）")
    String nextYearLink(int year);

    @Message("下载 CSV（技术合同服务的统计文件）")
    String downloadCsv();

    @Message("全年合计")
    String totalsCaption();

    @Message("年度")
    String colYear();

    @Message("合同数")
    String colCount();

    @Message("同比增长")
    String rowGrowth();

    @Message("分组")
    String colGroup();

    @Message("{#when name}{#is 'month'}按登记月份{#is 'type'}按合同类型{#is 'district'}按卖方所在区{#is 'foreign'}涉外与国内{#is 'brics'}按金砖国家身份{#else}{name}{/when}")
    String dimension(String name);

    @Message("{month} 月")
    String month(String month);

    @Message("{#when foreign}{#is 'true'}涉外合同{#is 'false'}国内合同{#else}{foreign}{/when}")
    String foreign(String foreign);

    @Message("各分组的图表仅为直观展示，数据以表格为准。")
    String chartNote();
}
