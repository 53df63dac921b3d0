package org.susong.portal.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The portal's words: Chinese first (this interface), English in {@code messages/msg_en.properties}. Templates read
 * them as {@code {msg:...}} in the page's locale ({@link Pages#visit}); {@code MessagesTest} fails on a word the English
 * file lacks.
 */
@MessageBundle(value = "msg", locale = "zh")
public interface Msg {

    @Message("Susong 区级门户")
    String portalTitle();

    @Message("跳到正文")
    String skipToContent();

    @Message("English")
    String otherLanguage();

    @Message("en")
    String otherLanguageCode();

    @Message("开发登录：仅用于本地、开发和测试环境，身份未经验证，生产环境不可用。")
    String devBanner();

    @Message("当前身份：{user}")
    String actingAs(String user);

    @Message("代表 {uscc}")
    String actingFor(String uscc);

    @Message("退出")
    String signOut();

    @Message("开发登录")
    String signInTitle();

    @Message("选择角色和所在区。门户以此身份调用各服务（开发用请求头 X-User、X-Roles、X-District、X-Acting-For）。")
    String signInIntro();

    @Message("角色")
    String fieldRole();

    @Message("用户名")
    String fieldUser();

    @Message("所在区（区级经办人员）")
    String fieldDistrict();

    @Message("统一社会信用代码（申请主体）")
    String fieldActingFor();

    @Message("基金（基金管理人，逗号分隔）")
    String fieldFunds();

    @Message("登录")
    String signInButton();

    @Message("请检查标出的字段。")
    String signInInvalid();

    @Message("此环境未开放开发登录。")
    String signInUnavailable();

    @Message("您已通过统一身份认证登录，但令牌缺少门户所需的声明：{claims}。请联系管理员。")
    String tokenClaimsMissing(String claims);

    @Message("请先登录。")
    String notSignedIn();

    @Message("去登录")
    String goSignIn();

    @Message("此页面不属于您的角色。")
    String notYourPage();

    @Message("此角色的页面尚未提供。")
    String noPageForRole();

    @Message("我的申请")
    String applicantTitle();

    @Message("{district}的申请")
    String officerTitle(String district);

    @Message("申请列表")
    String tableCaption();

    @Message("申请编号")
    String colId();

    @Message("申请主体")
    String colApplicant();

    @Message("政策条款")
    String colMeasure();

    @Message("年度")
    String colPeriod();

    @Message("状态")
    String colStatus();

    @Message("决定")
    String colDecision();

    @Message("核定金额（元）")
    String colAmount();

    @Message("申诉截止日")
    String colAppealDeadline();

    @Message("提交时间")
    String colSubmitted();

    @Message("尚未决定")
    String notDecided();

    @Message("暂时无法读取")
    String decisionUnavailable();

    @Message("状态")
    String filterStatus();

    @Message("全部状态")
    String allStatuses();

    @Message("筛选")
    String applyFilter();

    @Message("导出 CSV")
    String exportCsv();

    @Message("下一页")
    String nextPage();

    @Message("第一页")
    String firstPage();

    @Message("没有符合条件的申请。")
    String noRows();

    @Message("无法连接 {service} 服务，请稍后再试。")
    String errorUnreachable(String service);

    @Message("{service} 服务出错（HTTP {status}），请稍后再试。")
    String errorService(String service, int status);

    @Message("{service} 服务拒绝了请求（HTTP {status}）：{detail}")
    String errorRefused(String service, int status, String detail);

    @Message("未知状态：{status}")
    String unknownStatus(String status);

    @Message("{#when role}{#is 'applicant'}申请主体{#is 'officer'}区级经办人员{#is 'finance'}财政局"
            + "{#is 'registrar'}技术合同登记机构{#is 'fund-manager'}基金管理人{#is 'admin'}平台管理员"
            + "{#is 'auditor'}审计人员{#else}{role}{/when}")
    String role(String role);

    @Message("{#when district}{#is 'SIMING'}思明区{#is 'HULI'}湖里区{#is 'JIMEI'}集美区{#is 'HAICANG'}海沧区"
            + "{#is 'TONGAN'}同安区{#is 'XIANGAN'}翔安区{#else}{district}{/when}")
    String district(String district);

    @Message("{#when status}{#is 'DRAFT'}草稿{#is 'SUBMITTED'}已提交{#is 'UNDER_REVIEW'}审核中"
            + "{#is 'APPEALED'}申诉中{#is 'REJECTED'}未通过{#is 'APPROVED'}已批准{#is 'WAITLISTED'}候补"
            + "{#is 'IN_PUBLIC_NOTICE'}公示中{#is 'ON_HOLD'}暂缓{#is 'PAYMENT_SCHEDULED'}待拨付{#is 'PAID'}已拨付"
            + "{#is 'PAYMENT_RETURNED'}拨付被退回{#is 'CONVERTED'}已转为基金投资{#is 'CLOSED'}已关闭"
            + "{#is 'WITHDRAWN'}已撤回{#else}{status}{/when}")
    String status(String status);

    @Message("{#when outcome}{#is 'APPROVED'}批准{#is 'REJECTED'}不予支持{#is 'REVIEW_REQUIRED'}待人工审核{#is 'UPHELD'}维持原决定"
            + "{#else}{outcome}{/when}")
    String outcome(String outcome);

    @Message("申请 {id}")
    String applicationTitle(String id);

    @Message("返回申请列表")
    String backToList();

    @Message("申请信息")
    String sectionApplication();

    @Message("所在区")
    String colDistrict();

    @Message("创建时间")
    String colCreated();

    @Message("已申请撤回，等待支付服务答复。")
    String withdrawalPending();

    @Message("本申请是对未通过申请 {id} 的重新提交。")
    String resubmissionOf(String id);

    @Message("本申请已重新提交为 {id}。")
    String resubmittedAs(String id);

    @Message("办理记录")
    String timelineCaption();

    @Message("时间")
    String colTime();

    @Message("事项")
    String colKind();

    @Message("经办")
    String colActor();

    @Message("说明")
    String colDetail();

    @Message("轮次")
    String colRound();

    @Message("暂无办理记录。")
    String noTimeline();

    @Message("资格决定")
    String sectionDecision();

    @Message("规则版本")
    String ruleVersion();

    @Message("决定时间")
    String decidedAt();

    @Message("评判日期")
    String judgedOn();

    @Message("审核进度")
    String colReviewState();

    @Message("建议金额（元）")
    String proposedAmount();

    @Message("说明")
    String explanation();

    @Message("金额计算")
    String computation();

    @Message("审核条件")
    String criteriaCaption();

    @Message("条件")
    String colCriterion();

    @Message("结果")
    String colResult();

    @Message("中文")
    String colChinese();

    @Message("英文")
    String colEnglish();

    @Message("满足")
    String criterionMet();

    @Message("不满足")
    String criterionNotMet();

    @Message("此决定未列出审核条件。")
    String noCriteria();

    @Message("暂定口径：{rule} 的金额或条件依据的以下数值政策原文未规定，待实施细则公布（英文原文）：")
    String placeholderFlag(String rule);

    @Message("拨付")
    String sectionPayments();

    @Message("支付指令")
    String paymentsCaption();

    @Message("支付指令")
    String colOrder();

    @Message("方式")
    String colMode();

    @Message("公示截止")
    String colNoticeEnds();

    @Message("等待事项（英文）")
    String colWaitingFor();

    @Message("暂缓原因")
    String colHold();

    @Message("尚无支付指令。")
    String noPayments();

    @Message("未找到申请 {id}：它不存在，或您无权查看。")
    String notFound(String id);

    @Message("{district}待办事项")
    String queueTitle(String district);

    @Message("待办事项")
    String queueLink();

    @Message("待决定的人工审核")
    String queueReviews();

    @Message("待审核的技术合同")
    String queueContracts();

    @Message("逾期未办结的合同登记审核")
    String queueOverdue();

    @Message("待处理的异议（暂缓的支付指令）")
    String queueHolds();

    @Message("支付指令因公示异议（或基金转换被拒、回退方式为暂缓）而暂缓；由本区经办人员（非异议人）裁定。")
    String queueHoldsNote();

    @Message("{count} 项{#if more}（仅显示前 {count} 项，另有更多）{/if}")
    String count(int count, boolean more);

    @Message("没有待办。")
    String nothingWaiting();

    @Message("合同编号")
    String colContract();

    @Message("合同名称")
    String colTitle();

    @Message("卖方")
    String colSeller();

    @Message("签订日期")
    String colSigned();

    @Message("技术交易额（元）")
    String colTechnicalAmount();

    @Message("审核期限")
    String colReviewDue();

    @Message("逾期天数")
    String colDaysOverdue();

    @Message("变更序号")
    String colAmendment();

    @Message("暂缓时间")
    String colHeldSince();

    @Message("原因")
    String colReason();

    @Message("{#when state}{#is 'RESERVING'}预留中{#is 'WAITLISTED'}候补{#is 'IN_NOTICE'}公示中{#is 'AWAITING_APPROVAL'}待审批{#is 'ON_HOLD'}暂缓{#is 'APPROVED'}已审批{#is 'AWAITING_PAYEE'}待收款账户{#is 'BATCHED'}已编入批次{#is 'INSTRUCTED'}已发送银行{#is 'SETTLING'}结算中{#is 'SETTLED'}已拨付{#is 'CONVERTING'}转换中{#is 'CONVERTED'}已转为基金投资{#is 'RETURNING'}退回中{#is 'RETURNED'}已退回{#is 'RESENDING'}重新发送中{#is 'RELEASING'}释放中{#is 'RELEASED'}已释放{#else}{state}{/when}")
    String orderState(String state);

    @Message("{#when mode}{#is 'GRANT'}资金拨付{#is 'INVESTMENT'}拨改投{#else}{mode}{/when}")
    String mode(String mode);

    @Message("{#when state}{#is 'OPEN'}待审核{#is 'AWAITING_SECOND'}待第二人确认{#is 'REJECTING'}拒绝处理中{#is 'LOWERING'}调减处理中{#is 'UPHOLDING'}维持处理中{#is 'DONE'}已完成{#else}{state}{/when}")
    String reviewState(String state);

    @Message("{#when status}{#is 'SUBMITTED'}待审核{#is 'REGISTERED'}已登记{#is 'REFUSED'}不予登记{#is 'CANCELLED'}已注销{#else}{status}{/when}")
    String contractStatus(String status);

    @Message("审核决定")
    String reviewTitle();

    @Message("此决定待人工审核。提交的决定由资格服务记录并核对限额；超过设定金额的，须由另一名经办人员确认相同金额。")
    String reviewIntro();

    @Message("核定金额（元，最多两位小数；已有计算金额时可不填）")
    String fieldAmount();

    @Message("理由（申请主体可见）")
    String fieldReason();

    @Message("提交审核决定")
    String reviewSubmit();

    @Message("决定无效：请选择批准或不予支持（申诉的决定还可维持原决定）。")
    String invalidOutcome();

    @Message("金额无效：请填写以元为单位、最多两位小数的正数，如 800000.00。")
    String invalidAmount();

    @Message("请填写理由（最多 2000 字）。")
    String invalidReason();

    @Message("审核对象与此申请的决定不符。")
    String invalidDecision();

    @Message("返回申请")
    String backToApplication();

    // --- competitive allocation (C1): the officer's calls, a call, its ranking, a score sheet (CallResource) ---

    @Message("竞争性分配")
    String callsLink();

    @Message("竞争性分配申报批次")
    String callsTitle();

    @Message("申报批次（最新在前）")
    String callsCaption();

    @Message("没有符合条件的申报批次。")
    String noCalls();

    @Message("未知的申报批次状态：{state}")
    String unknownCallState(String state);

    @Message("申报批次")
    String colCall();

    @Message("资金总额（元）")
    String colEnvelope();

    @Message("申报期")
    String colWindow();

    @Message("阶段")
    String colPhase();

    @Message("申请数")
    String colApplications();

    @Message("{from} 至 {to}")
    String window(String from, String to);

    @Message("{#when state}{#is 'OPEN'}进行中{#is 'RANKING'}排序中{#is 'AWARDED'}已分配{#is 'REFUSED'}资金额度被拒{#is 'CANCELLED'}已撤销{#else}{state}{/when}")
    String callState(String state);

    @Message("{#when phase}{#is 'NOT_YET_OPEN'}尚未开始申报{#is 'SUBMISSION'}申报中{#is 'SCORING'}评分中{#is 'RANKED'}已排名{#is 'REFUSED'}资金额度被拒{#is 'CANCELLED'}已撤销{#else}{phase}{/when}")
    String callPhase(String phase);

    @Message("申报批次 {id}")
    String callHeading(String id);

    @Message("未找到申报批次 {id}：它不存在，或您无权查看。")
    String callNotFound(String id);

    @Message("返回申报批次列表")
    String backToCalls();

    @Message("返回申报批次")
    String backToCall();

    @Message("申报批次（已发布）")
    String sectionCall();

    @Message("名称（中文）")
    String callTitleZh();

    @Message("名称（英文）")
    String callTitleEn();

    @Message("版本")
    String callVersion();

    @Message("允许部分资助")
    String partialAward();

    @Message("{#if yes}是{#else}否{/if}")
    String yesNo(boolean yes);

    @Message("申请金额超过此数须增加一名评分人（元）")
    String secondScorerAbove();

    @Message("同分排序规则")
    String tieBreak();

    @Message("拨付方式")
    String disbursementMode();

    @Message("资格条件")
    String eligibilityCaption();

    @Message("表达式")
    String colExpression();

    @Message("评分标准")
    String scoringCaption();

    @Message("权重")
    String colWeight();

    @Message("未列出。")
    String noCallCriteria();

    @Message("{district}的申请")
    String callApplications(String district);

    @Message("本区尚无此批次的申请。")
    String noCallApplications();

    @Message("申请金额（元）")
    String colAmountAsked();

    @Message("评分状态")
    String colSheetState();

    @Message("{#when state}{#is 'AWAITING_SCORING'}待评分{#is 'RANKING'}排序中{#is 'AWARDED'}已分配{#else}{state}{/when}")
    String sheetState(String state);

    @Message("已评分 / 应评分")
    String colScorers();

    @Message("得分")
    String colScore();

    @Message("排名")
    String colRank();

    @Message("资助金额（元）")
    String colAwarded();

    @Message("评分表")
    String colSheet();

    @Message("{id} 的评分表")
    String sheetLink(String id);

    @Message("排名与资助")
    String sectionRanking();

    @Message("尚未排名。")
    String notRanked();

    @Message("排名（第 1 轮）")
    String rankingCaption();

    @Message("结果")
    String colOutcome();

    @Message("{#when outcome}{#is 'APPROVED'}获得资助{#is 'NOT_FUNDED'}未获资助{#else}{outcome}{/when}")
    String awardOutcome(String outcome);

    @Message("分数线")
    String cutOffScore();

    @Message("无（没有申请获得资助）")
    String noCutOff();

    @Message("已用资金（元）")
    String envelopeUsed();

    @Message("当前为第 {round} 轮")
    String latestRound(int round);

    @Message("第 {round} 轮")
    String roundHeading(int round);

    @Message("第 {round} 轮释放的资助")
    String releasedCaption(int round);

    @Message("决定编号")
    String colDecisionId();

    @Message("{#when reason}{#is 'OBJECTION_UPHELD'}公示异议成立{#is 'WITHDRAWN'}申请人撤回{#else}{reason}{/when}")
    String releaseReason(String reason);

    @Message("第 {round} 轮各申请的资助金额")
    String awardsCaption(int round);

    @Message("申请 {id} 的评分表")
    String sheetTitle(String id);

    @Message("未找到申请 {id} 的评分表：它不存在，或您无权查看。")
    String sheetNotFound(String id);

    @Message("评分")
    String sectionSheet();

    @Message("各评分人的打分")
    String scoresCaption();

    @Message("尚无人评分。")
    String noScores();

    @Message("评分人")
    String colOfficer();

    @Message("评语")
    String colComment();

    @Message("加权得分")
    String colWeighted();

    @Message("评分时间")
    String colScoredAt();

    @Message("{name}（权重 {weight}）")
    String criterionWeight(String name, int weight);

    @Message("利益冲突声明")
    String conflictsCaption();

    @Message("无利益冲突声明。")
    String noConflicts();

    @Message("声明时间")
    String colDeclaredAt();

    @Message("平均得分")
    String meanScore();

    @Message("评分未完成（{done} / {required}）")
    String scoreIncomplete(int done, int required);

    @Message("应评分人数")
    String scorersRequired();
    @Message("申请支持")
    String applyTitle();

    @Message("目前受理申请的措施。选择一项，按其公布的事实要求填写申请；申请以您登录的统一社会信用代码提交。")
    String applyIntro();

    @Message("受理申请的措施")
    String applyCaption();

    @Message("目前没有受理申请的措施。")
    String noOpenMeasures();

    @Message("有效期")
    String colValidity();

    @Message("{from} 至 {to}")
    String validity(String from, String to);

    @Message("填写申请")
    String applyAction();

    @Message("申请：{code} {title}")
    String applyFormTitle(String code, String title);

    @Message("以下各项由措施公布的事实要求生成；标“必填”的须填写。金额以元填写（最多两位小数）。申请以 {uscc} 的名义提交，提交后由申请服务再次核对。")
    String applyFormIntro(String uscc);

    @Message("必填")
    String required();

    @Message("（元）")
    String inYuan();

    @Message("请选择")
    String chooseOne();

    @Message("是")
    String yes();

    @Message("提交申请")
    String applySubmit();

    @Message("有 {count} 项需要修改（见下方标注），申请尚未提交。")
    String applyInvalid(int count);

    @Message("此措施有必填项门户无法填写，暂不能在此申请。")
    String applyCannotSend();

    @Message("措施 {code} 目前不受理申请。")
    String measureNotOpen(String code);

    @Message("措施 {code} 不存在。")
    String measureNotFound(String code);

    @Message("表单已失效（缺少提交编号），请重新填写后提交。申请尚未提交。")
    String staleForm();

    @Message("返回措施列表")
    String backToApply();

    @Message("请填写此项。")
    String factRequired();

    @Message("请填写整数。")
    String factNotInteger();

    @Message("不能小于 {min}。")
    String factBelow(String min);

    @Message("不能大于 {max}。")
    String factAbove(String max);

    @Message("至少 {n} 个字符。")
    String factTooShort(int n);

    @Message("最多 {n} 个字符。")
    String factTooLong(int n);

    @Message("格式不符合要求。")
    String factPattern();

    @Message("请从列表中选择。")
    String factNotOption();

    @Message("此项（{name}）的类型门户尚不支持，无法在此填写。")
    String factUnsupported(String name);

    @Message("{#when name}{#is 'strand'}支持类别{#is 'projectName'}项目名称{#is 'bricsCountry'}金砖国家{#is 'requestedFen'}申请金额{#is 'centreName'}中心名称{#is 'operatingCostsFen'}运行费用{#is 'performanceGrade'}绩效评价等级{#is 'category'}认定类别{#is 'certificateNumber'}证书编号{#is 'certificationYear'}认定年度{#is 'certificationKind'}认定方式{#is 'projectNumber'}项目编号{#is 'programme'}项目计划{#is 'nationalFundingFen'}国家资助金额{#is 'resultSource'}成果来源{#is 'investmentInXiamenFen'}在厦投资额{#is 'contractRegistrationNumber'}合同登记编号{#is 'technicalTransactionAmountFen'}技术交易额{#is 'registeredOn'}登记日期（年-月-日）{#is 'contractId'}合同编号（技术合同服务）{#is 'stage'}发展阶段{#is 'field'}领域{#is 'callId'}申报批次编号{#else}{name}{/when}")
    String factLabel(String name);

    @Message("{#when value}{#is 'TRANSFER_INSTITUTION_FUNDING'}转移机构经费{#is 'LANDING_REWARD'}落地奖励{#is 'CONTEST_SUPPORT'}大赛支持{#is 'NONE'}无{#is 'HIGH_TECH_ENTERPRISE'}高新技术企业{#is 'LITTLE_GIANT'}专精特新“小巨人”{#is 'SINGLE_CHAMPION'}制造业单项冠军{#is 'TECH_INNOVATION_DEMO'}技术创新示范企业{#is 'FIRST'}首次认定{#is 'RENEWED'}重新认定{#is 'NATIONAL_KEY_RD'}国家重点研发计划{#is 'MAJOR_SCIENCE_2030'}科技创新2030重大项目{#is 'NATIONAL_SCIENCE_AWARD'}国家科学技术奖{#is 'START_UP'}初创期{#is 'GROWTH'}成长期{#is 'MATURE'}成熟期{#else}{value}{/when}")
    String factValue(String value);

    // the finance pages (FinanceResource)

    @Message("财务页面")
    String financeNav();

    @Message("待审批的支付指令")
    String approvalsTitle();

    @Message("公示名单")
    String noticesTitle();

    @Message("拨付批次")
    String batchesTitle();

    @Message("预算执行（2024-2026）")
    String budgetTitle();

    @Message("审批情况")
    String colApprovals();

    @Message("已审批 {done}/{required}")
    String approvalsOf(int done, int required);

    @Message("选择")
    String colSelect();

    @Message("审批支付指令 {id}")
    String approveOrder(String id);

    @Message("审批所选的支付指令")
    String approveSubmit();

    @Message("每项勾选的指令以您的身份分别提交审批。超过双人审批金额的指令需另一名财务人员再次审批（审批情况中列出已审批的人）；同一人不能审批同一指令两次，支付服务会拒绝。")
    String approvalsNote();

    @Message("没有待审批的支付指令。")
    String noOrdersWaiting();

    @Message("请至少勾选一项支付指令（字段 order）；未提交任何审批。")
    String noOrderChecked();

    @Message("一次最多审批 {max} 项支付指令（字段 order）；未提交任何审批。")
    String tooManyOrders(int max);

    @Message("支付指令编号无效（字段 order）：{id}；未提交任何审批。")
    String invalidOrder(String id);

    @Message("返回待审批的支付指令")
    String backToApprovals();

    @Message("审批结果")
    String outcomesTitle();

    @Message("{#when kind}{#is 'APPROVED'}已批准{#is 'AWAITING_SECOND'}已审批，待另一名财务人员审批{#is 'REFUSED'}被拒绝{#is 'NOT_SENT'}未提交（前一项失败，结果不明）{#else}{kind}{/when}")
    String approvalOutcome(String kind);

    @Message("审批人：{names}")
    String approvedBy(String names);

    @Message("当前没有公示中的支付指令。")
    String noNotices();

    @Message("如何提出异议（英文）")
    String colHowToObject();

    @Message("业务日期")
    String filterDate();

    @Message("{date} 的批次")
    String batchesCaption(String date);

    @Message("该日没有批次。")
    String noBatches();

    @Message("批次")
    String colBatch();

    @Message("预算科目")
    String colBudgetLine();

    @Message("序号")
    String colSequence();

    @Message("指令数")
    String colOrders();

    @Message("控制总额（元）")
    String colControlSum();

    @Message("导出时间")
    String colExportedAt();

    @Message("pain.001 文件")
    String colFile();

    @Message("下载")
    String downloadFile();

    @Message("下载批次 {id} 的 pain.001 文件")
    String downloadFileOf(String id);

    @Message("尚未导出")
    String noFileYet();

    @Message("{#when state}{#is 'OPEN'}开放（可加入指令）{#is 'EXPORTING'}导出中{#is 'EXPORTED'}已导出{#is 'RECONCILED'}已对账{#is 'VOIDED'}已作废{#else}{state}{/when}")
    String batchState(String state);

    @Message("日期无效（字段 date）：{date}，应为 yyyy-MM-dd；未查询。")
    String invalidDate(String date);

    @Message("未找到批次 {id}。")
    String batchNotFound(String id);

    @Message("返回拨付批次")
    String backToBatches();

    @Message("C1：2024-2026 年财政科技投入承诺不少于 300 亿元，其中包括本平台以外的实验室、基础设施和项目；下列比例是占该承诺的份额，而非完成进度。科目分配额为占位数。")
    String budgetNote();

    @Message("{year} 年度预算科目")
    String budgetYearCaption(int year);

    @Message("{from}-{to} 合计与财政承诺")
    String budgetPeriodCaption(int from, int to);

    @Message("已分配（元）")
    String colAllocated();

    @Message("已预留（元）")
    String colReserved();

    @Message("已拨付（元）")
    String colDisbursed();

    @Message("可用（元）")
    String colAvailable();

    @Message("退回（元）")
    String colReturned();

    @Message("应收（元）")
    String colReceivable();

    @Message("占位")
    String placeholderLine();

    @Message("{year} 年合计")
    String yearTotal(int year);

    @Message("该年度没有预算科目。")
    String noBudgetLines();

    @Message("财政承诺（元）")
    String colCommitment();

    @Message("已分配占承诺")
    String colAllocatedShare();

    @Message("已拨付占承诺")
    String colDisbursedShare();

    @Message("{from}-{to} 合计")
    String periodTotal(int from, int to);

    @Message("元")
    String chartUnit();
}
