/**
 * Synthetic Chinese news prose for the generated test pages: a seeded writer that fills sentence
 * templates with invented places, people and figures. Everything here was written for banmian's
 * tests and describes no real events, places or people (青禾市 and its districts are invented).
 * The text mixes what real pages hold: digits, dates, percentages, Latin words (APP, LED, PM2.5),
 * quotes “”, 、，。；： and —— ……
 */

export type Rng = () => number;

/** mulberry32: a small, well-known 32-bit generator; the same seed gives the same page. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴莫孔向汤';
const GIVEN = '建国华明丽芳军伟强敏静磊洋艳勇杰娟涛超霞秀英平刚桂兰志红玉梅文博宇浩然晓东海燕春雪松林凯欣怡子涵佳琪振宁晨曦立新国庆永福春生德胜秋菊淑珍雨桐思远一鸣';
const DISTRICTS = ['东河区', '西岭区', '南湖区', '北塘区', '青禾高新区'];
const STREETS = ['柳湾街道', '石桥街道', '安澜街道', '文昌街道', '望江街道', '杏林街道'];
const VILLAGES = ['桃源村', '上坪村', '杨家湾村', '白沙村', '槐树庄村', '清水塘村', '南坡村', '马庄村'];
const ROADS = ['滨河路', '建设大道', '文昌路', '长青街', '青禾大道', '望江路', '杏林路', '工业二路'];
const COMMUNITIES = ['翠园小区', '和平里小区', '纺织厂家属院', '望江花园', '杏林新村', '锦绣华庭'];
const COMPANIES = ['青禾光电科技有限公司', '东河智能装备有限公司', '南湖新材料股份有限公司', '北塘精密机械有限公司', '禾丰数码科技有限公司'];
const SHOPS = ['王记烧饼', '老周修表铺', '德顺茶庄', '刘家面馆', '春和堂药铺', '吉祥布鞋店'];
const ROLES = ['社区党委书记', '街道办事处主任', '项目负责人', '区住建局副局长', '合作社理事长', '志愿者'];

export interface Topic {
  key: string;
  kickers: string[];
  mains: string[];
  /** Main headlines set on two lines: [first, second]. */
  twoLineMains: [string, string][];
  subtitles: string[];
  subheads: string[];
  /** Opening sentences: they carry the date and the event. */
  leads: string[];
  sentences: string[];
  quotes: string[];
  captions: string[];
  /** Vertical headline columns (no punctuation: they are stacked one character a line). */
  vertical?: [string, string][];
  verticalSubtitles?: string[];
}

export const TOPICS: Topic[] = [
  {
    key: 'renewal',
    kickers: ['留住老街记忆 焕发城市活力', '城市更新进行时', '聚焦民生实事'],
    mains: ['百年老街换新颜', '老街区迎来新生活', '城市更新项目全面提速', '背街小巷变身“网红街”'],
    twoLineMains: [['一砖一瓦修旧如旧', '一街一巷留住乡愁']],
    subtitles: ['——{dist}推进老旧街区有机更新见闻', '全年计划改造街巷{n:20-40}条，惠及居民{n:3000-9000}户'],
    subheads: ['一街一策绣新颜', '改不改 群众说了算', '老味道留下来', '长效管护不松劲'],
    leads: [
      '{date}，记者走进{dist}长青街，只见青石板路干净整洁，沿街商铺的招牌统一换成了木质牌匾。',
      '{date}，{dist}长青街改造工程通过验收，这条有着百余年历史的老街以新面貌与市民见面。',
    ],
    sentences: [
      '这条始建于清代的老街全长{n:600-900}米，曾因管网老化、路面破损，一度成为居民口中的“闹心街”。',
      '今年以来，{dist}投入资金{f:1-4}亿元，对长青街及周边{n:12-30}条背街小巷实施改造。',
      '改造坚持“修旧如旧”，保留了{n:20-40}处老建筑的原有风貌，对{n:100-300}户居民的房屋进行了加固。',
      '施工方采用分段施工、错时作业的方式，每天18时以后停止产生噪声的作业。',
      '街道专门设立了“居民议事厅”，改造方案先后{n:3-6}次征求群众意见，收集建议{n:200-500}余条。',
      '如今，老街新增停车位{n:150-400}个、口袋公园{n:3-8}处，雨污管网实现全覆盖。',
      '据统计，改造完成后老街日均客流量达到{f:1-3}万人次，同比增长{pct:20-60}。',
      '老字号“{shop}”重新开张，第一周的营业额就比去年同期增长了{pct:15-40}。',
      '为了留住老街的烟火气，改造中保留了早点铺、修鞋摊、理发店等{n:20-50}家便民小店。',
      '沿街{n:300-600}盏老式路灯更换为LED节能灯，夜间照度提高了一倍多。',
      '项目还同步建设了智慧停车系统，市民通过“青禾停车”APP即可查询空余车位。',
      '{dist}住建局有关负责人表示，下一步将建立“街长制”，把日常管护落实到人。',
      '老街两侧的{n:30-60}栋民居统一粉刷了外墙，屋檐下挂起了红灯笼。',
      '原来杂乱的电线全部入地，抬头望去，天空清爽了许多。',
      '街口新建的便民服务站提供饮水、充电、应急药箱等{n:8-15}项服务，每天开放{n:12-16}小时。',
      '下一步，{dist}还将对{road}、{road}等{n:5-9}条道路进行提升，力争年底前全部完工。',
      '改造前，施工单位对沿街{n:40-90}栋建筑逐一拍照、测绘，建立了“一楼一档”。',
      '在{shop}门口，店主{p}正忙着招呼客人，新换的门头上写着“始于{n:1900-1935}年”。',
      '雨污分流工程完工后，老街再也没有出现过积水，居民们说这是“最实在的变化”。',
      '街道还组织了{n:20-40}名退休老党员组成“老街巡查队”，每天早晚各巡查一次。',
      '据介绍，老街改造共使用回收的老青砖{n:3-8}万块，老木料{n:200-500}立方米。',
      '每逢周末，老街上都会举办非遗展示、街头音乐会等活动，吸引不少年轻人前来打卡。',
      '为方便老年人出行，改造中新建无障碍坡道{n:20-50}处，增设休息座椅{n:60-150}个。',
      '{dist}城市管理局还在老街试点“门前三包”积分制，积分可以兑换生活用品。',
      '如今走在老街上，青砖灰瓦、木门花窗，处处都能看到过去的影子。',
      '项目总设计师{p}说，改造最难的不是技术，而是在新旧之间找到平衡。',
    ],
    quotes: [
      '以前一下雨，门口的水能没过脚脖子，现在路平了、灯亮了，住着舒心多了',
      '改造前大家都担心老房子被拆掉，没想到改完以后，老街的味道还在',
      '我们不搞大拆大建，而是一栋楼一栋楼地看，一户一户地商量',
      '孩子们放学后有了玩的地方，老人们也愿意下楼走走了',
    ],
    captions: ['图为改造后的长青街吸引市民游客前来游览。', '图为工人们正在铺设青石板路面。'],
    vertical: [['春风拂过老街巷', '一砖一瓦总关情'], ['老街焕新颜', '小巷有温度']],
    verticalSubtitles: ['{dist}推进老旧街区有机更新纪实'],
  },
  {
    key: 'farming',
    kickers: ['不误农时抓春耕', '科技助农 田间添“智”'],
    mains: ['无人机飞进千亩麦田', '春耕备耕正当时', '“云端种田”成新景', '农机唱响春耕曲'],
    twoLineMains: [['千亩良田披新绿', '科技种粮添底气']],
    subtitles: ['——{dist}今年粮食播种面积稳定在{n:30-50}万亩以上', '全区完成春耕面积{f:10-30}万亩'],
    subheads: ['农资储备足', '技术服务到田头', '订单农业解后顾之忧'],
    leads: [
      '{date}清晨，{v}的千亩麦田里，{n:3-6}架植保无人机正在低空作业，喷洒一遍只需{n:15-30}分钟。',
      '{date}，{dist}春耕生产现场会在{v}召开，{n:200-400}台（套）农机具在田间一字排开。',
    ],
    sentences: [
      '“过去人工打药，一个人一天最多打{n:20-40}亩，现在一架无人机一天能作业{n:300-500}亩。”种粮大户{p}算了一笔账。',
      '今年，{dist}共组织农机具{n:2000-5000}台（套），完成春耕面积{f:10-30}万亩。',
      '为保障农资供应，全区{n:40-80}个农资网点储备化肥{n:8000-15000}吨、种子{n:600-1200}吨。',
      '农技人员深入田间地头，开展技术指导{n:100-300}余场次，培训农民{n:3000-8000}人次。',
      '在{v}的智慧农业示范基地，土壤墒情、病虫害等数据通过5G网络实时传到手机上。',
      '基地负责人{p}介绍，采用水肥一体化技术后，每亩可节水{pct:30-50}、节肥{pct:15-30}。',
      '今年全区新建高标准农田{f:2-6}万亩，灌溉保证率达到{pct:85-98}。',
      '合作社还与电商平台签订了订单，{n:500-900}亩优质小麦未种先“卖”。',
      '天气预报显示，未来一周以晴到多云为主，气温回升，正是春播的有利时机。',
      '区农业农村局提醒广大农户，要抢抓晴好天气适时播种，同时防范“倒春寒”。',
      '目前，全区已组建农机应急作业服务队{n:10-30}支，随时准备投入生产。',
      '{v}党支部书记{p}说，村里把撂荒的{n:50-200}亩地流转出来，统一种上了优质稻。',
      '田埂上，几名农技员正蹲在地里查看麦苗长势，不时拿出手机拍照记录。',
      '种粮大户{p}今年流转土地{n:300-800}亩，全部实现了机械化耕种。',
      '据介绍，全区主要农作物耕种收综合机械化率已达到{pct:85-95}。',
      '在育秧工厂里，一盘盘秧苗整齐排列，温度、湿度全部由电脑自动控制。',
      '今年，{dist}还为种粮农户发放耕地地力保护补贴{f:1-3}亿元，每亩补贴{n:100-150}元。',
      '植保站技术员{p}提醒，近期气温波动较大，要注意防治小麦条锈病和蚜虫。',
      '{v}的高标准农田里，新修的U型渠一直通到田头，浇一遍地比过去节省一半时间。',
      '农业农村部门组织了{n:50-120}名农技专家，分片包村开展技术服务。',
      '种粮大户{p}告诉记者，今年他还试种了{n:50-150}亩富硒水稻，准备打响自己的品牌。',
      '为了方便农民购买农资，供销社开设了网上商城，农资可以直接配送到村。',
    ],
    quotes: [
      '手机上点一点，哪块地缺水、哪块地缺肥，一清二楚',
      '种子、化肥都备齐了，就等着下地了',
      '有了订单，心里就有底了，种多少都不愁卖',
    ],
    captions: ['图为植保无人机在{v}麦田里作业。', '图为农技人员在田间查看麦苗长势。'],
    vertical: [['田畴织锦绣', '农机奏欢歌']],
    verticalSubtitles: ['{dist}春耕生产见闻'],
  },
  {
    key: 'transit',
    kickers: ['优化公交线网 方便群众出行'],
    mains: ['{n:3-5}条定制公交线路开通', '公交跑出“加速度”', '新能源公交车上路了'],
    twoLineMains: [['家门口坐上定制公交', '上班路少走半小时']],
    subtitles: ['平均候车时间缩短{n:3-6}分钟'],
    subheads: ['线路跟着需求走', '车内更舒适'],
    leads: [
      '记者从市公交集团获悉，自{date}起，全市新开通{n:2-5}条定制公交线路。',
      '{date}上午7时，K{n:2-9}路首班车从{road}首末站准时发出。',
    ],
    sentences: [
      '新线路采用{n:8-12}米纯电动公交车，发车间隔为{n:8-15}分钟。',
      '市民可通过“青禾出行”APP查询车辆实时位置，还能一键预约座位。',
      'K{n:2-9}路延伸至高铁站，沿线{n:1-3}万名居民出行将更加便利。',
      '今年全市将更新新能源公交车{n:100-300}辆，新能源公交车占比将达到{pct:85-99}。',
      '所有车辆都设置了低地板和爱心座椅，车内语音报站同时使用普通话和方言。',
      '截至目前，全市公交线路已达{n:120-180}条，线网长度{n:2000-3500}公里。',
      '早晚高峰期间，{road}沿线增开区间车{n:4-10}班次，平均候车时间缩短{n:3-6}分钟。',
      '市交通运输局有关负责人表示，将根据客流变化动态调整线路，让公交跑得更准时。',
      '公交集团还在{n:30-60}个站台安装了电子站牌，实时显示到站信息。',
      '线路开通首日，客流量达到{n:3000-6000}人次，不少市民专门来“尝鲜”。',
      '据测算，定制公交比自驾通勤平均节省时间{n:10-25}分钟，碳排放减少{pct:40-70}。',
      '驾驶员{p}已经开了{n:10-20}年公交车，他说新车起步平稳、噪声小，乘客都说好。',
      '新开通的线路途经{n:3-6}所学校和{n:2-4}家医院，重点解决学生和就医群众的出行问题。',
      '早高峰时段，记者在{road}站台看到，乘客排队上车，秩序井然。',
      '公交集团还推出了“一元换乘”优惠，{n:60-90}分钟内换乘第二条线路只需支付1元。',
      '为保障行车安全，所有新车都安装了ADAS辅助驾驶系统和车内视频监控。',
      '据了解，全市已建成公交专用道{n:40-90}公里，高峰时段公交平均车速提高了{pct:10-25}。',
      '{st}的居民{p}说，以前去医院要走二十多分钟到车站，现在家门口就有站点。',
    ],
    quotes: ['以前上班要倒两趟车，现在一趟直达，能多睡半个小时', '车上有空调、有充电口，坐着挺舒服'],
    captions: ['图为市民在{road}站台乘坐新开通的定制公交。'],
  },
  {
    key: 'industry',
    kickers: ['稳增长 促转型', '高质量发展看园区'],
    mains: ['智能工厂“满负荷”运转', '高新区一季度工业产值增长{pct:8-15}', '新厂房投产 订单排到年底'],
    twoLineMains: [['小小显示屏', '点亮大产业']],
    subtitles: ['——走进{co}'],
    subheads: ['机器换人提效率', '服务企业零距离'],
    leads: [
      '{date}，位于青禾高新区的{co}新厂房正式投产，年产能可达{n:50-200}万件。',
      '{date}，记者在{co}的生产车间看到，一条条自动化生产线正在满负荷运转。',
    ],
    sentences: [
      '这家企业专注于LED显示屏研发，拥有发明专利{n:20-60}项，产品远销{n:20-40}个国家和地区。',
      '一季度，全区规模以上工业增加值同比增长{pct:5-12}，高新技术产业占比提高到{pct:40-55}。',
      '车间里，{n:30-80}台工业机器人挥舞着机械臂，AI质检系统每秒可识别{n:20-60}个零件。',
      '企业负责人{p}介绍，数字化改造后生产效率提升{pct:20-45}，不良品率下降到{f:0-1}%以下。',
      '高新区推行“拿地即开工”审批模式，项目从签约到开工仅用了{n:40-90}天。',
      '园区内{n:5-12}家企业联合高校成立了创新联合体，共建实验室{n:3-8}个。',
      '今年以来，全市新签约亿元以上项目{n:10-30}个，总投资{n:80-300}亿元。',
      '为破解用工难题，人社部门在园区设立了“家门口就业服务站”，已帮助{n:800-2000}人实现就业。',
      '园区配套建设的人才公寓已交付{n:300-800}套，青年人才可拎包入住。',
      '区科技局表示，将对研发投入增长较快的企业给予最高{n:100-500}万元奖励。',
      '在产品展示厅，一块长{n:5-12}米的透明屏幕吸引了不少参观者驻足。',
      '企业还投资{f:1-3}亿元建设研发中心，计划引进博士、硕士等高层次人才{n:30-80}名。',
      '在企业的数字化指挥中心，大屏幕上实时显示着每条生产线的产量、能耗和设备状态。',
      '去年，企业研发投入达到{f:0.8-2.5}亿元，占销售收入的{pct:5-9}。',
      '高新区还设立了{n:5-20}亿元产业引导基金，重点支持新能源、新材料等产业。',
      '一名刚入职的工程师{p}说，公司给青年人才提供了很大的发展空间。',
      '园区内新建的标准化厂房已有{n:20-40}家企业入驻，出租率达到{pct:85-98}。',
      '企业负责人说，下一步将建设第二条智能生产线，预计新增产值{f:3-8}亿元。',
      '今年一季度，全区高新技术企业数量达到{n:150-300}家，比去年同期增加{n:20-50}家。',
    ],
    quotes: ['订单已经排到了年底，我们正在招工扩产', '政府的服务很贴心，有问题一个电话就有人来'],
    captions: ['图为{co}的工人在生产线上检测产品。'],
  },
  {
    key: 'elderly',
    kickers: ['养老服务进社区', '办好民生实事'],
    mains: ['家门口的“幸福食堂”开张了', '独居老人有了“电子保姆”', '社区养老服务中心全覆盖'],
    twoLineMains: [['小小智能手环', '织密独居老人安全网']],
    subtitles: ['全区已建成社区养老服务中心{n:20-40}个'],
    subheads: ['吃得好 也吃得起', '医养结合更安心'],
    leads: [
      '{date}上午，{st}的社区养老服务中心里，{n:20-40}位老人正在跟着康复师做健身操。',
      '{date}中午11时，{com}的“幸福食堂”刚开门，就有老人排起了队。',
    ],
    sentences: [
      '中心设有日间照料、助餐、康复等功能区，每天为周边老人提供午餐{n:100-300}份。',
      '老人用餐实行分档补贴，{n:80-90}岁以上老人每餐只需{n:3-6}元。',
      '社区还为{n:200-500}名独居老人安装了智能手环，一旦发生意外可一键呼叫。',
      '{dist}人民医院的医生每周二到社区坐诊，为老人免费测量血压、血糖。',
      '截至目前，全区已建成社区养老服务中心{n:20-40}个，覆盖率达到{pct:80-95}。',
      '民政部门引入专业机构运营，服务人员均持证上岗，定期接受培训。',
      '区卫生健康委员会介绍，今年将实现家庭医生签约服务重点人群覆盖率{pct:75-90}。',
      '志愿者们还组织了书法、合唱、手工等兴趣小组，丰富老人的精神文化生活。',
      '针对行动不便的老人，中心提供上门助浴、助洁服务，已累计服务{n:1000-3000}人次。',
      '下一步，{dist}将推动养老服务向农村延伸，在{n:10-20}个行政村建设互助幸福院。',
      '食堂每周公布菜谱，荤素搭配，还专门准备了低盐、低糖的菜品。',
      '家住{com}的{n:70-85}岁老人{p}是中心的常客，每天上午都来读报、下棋。',
      '中心的护理员{p}已经在这里工作了{n:3-8}年，老人们都把她当成自家的孩子。',
      '每到周三，社区医生都会来中心开展健康讲座，讲解高血压、糖尿病等慢性病的防治知识。',
      '社区还建立了“时间银行”，年轻志愿者为老人服务的时长可以存起来，将来兑换服务。',
      '据统计，全区{n:60-80}岁以上老年人口已超过{f:5-12}万人，占总人口的{pct:18-26}。',
      '中心的助餐点实行“线上点餐、线下配送”，行动不便的老人可以通过电话订餐。',
      '{st}党工委负责人表示，将继续加大投入，让更多老人在家门口享受到养老服务。',
    ],
    quotes: ['饭菜软和，价钱也实惠，比自己在家做省事多了', '儿女不在身边，有这个手环，他们也放心'],
    captions: ['图为志愿者在{st}养老服务中心陪老人聊天。'],
  },
  {
    key: 'culture',
    kickers: ['书香润城 阅读悦心', '全民阅读'],
    mains: ['第{n:3-9}届青禾读书节开幕', '“城市书房”开到家门口', '古籍修复展吸引年轻人'],
    twoLineMains: [['一座城市书房', '点亮一片街区']],
    subtitles: ['活动为期一个月，将举办各类阅读活动{n:80-160}场'],
    subheads: ['书房里的新风景', '让阅读成为习惯'],
    leads: [
      '{date}，第{n:3-9}届青禾读书节在市图书馆开幕，全市{n:100-300}余家单位参与。',
      '{date}晚上9时，位于{road}的城市书房里依然灯火通明，不少读者仍在安静地看书。',
    ],
    sentences: [
      '本届读书节为期一个月，将举办名家讲座、亲子共读、古籍修复展等活动{n:80-160}场。',
      '开幕式上，{n:10-20}家“城市书房”集体揭牌，市民刷身份证即可借阅。',
      '市图书馆馆长{p}介绍，去年全市图书借阅量突破{n:100-300}万册次，同比增长{pct:10-30}。',
      '“城市书房”实行通借通还，每天开放到22时，还提供免费Wi-Fi和自习座位。',
      '活动现场，小朋友们在志愿者的带领下，用雕版拓印出了自己的第一幅年画。',
      '在古籍修复展区，修复师演示了揭、补、托、裱等传统技艺，吸引了不少年轻人围观。',
      '读书节期间，全市书店推出购书八折优惠，并发放电子阅读券{n:1-5}万张。',
      '市文化广电和旅游局表示，将推动公共文化服务向乡村延伸，让群众在家门口就能读好书。',
      '“书香青禾”微信公众号同步开设线上专栏，每天推送一篇书评。',
      '据了解，全市已建成农家书屋{n:300-600}个，藏书总量超过{n:100-200}万册。',
      '书房的书架上，《乡土中国》《平凡的世界》等图书被借阅的次数最多。',
      '城市书房的设计融入了本地传统建筑元素，青砖墙面与落地玻璃相映成趣。',
      '今年，市图书馆还开通了“线上借、快递送”服务，读者在家就能借到想看的书。',
      '读书节期间，{n:20-50}位作家、学者将走进社区、学校和企业，与读者面对面交流。',
      '在少儿阅读区，志愿者{p}正在给孩子们讲绘本故事，孩子们听得津津有味。',
      '据统计，去年全市人均阅读纸质图书{f:5-9}本，数字阅读时长同比增长{pct:10-35}。',
      '市民{p}已经在城市书房读完了{n:20-60}本书，她说这里是自己的“第二个家”。',
    ],
    quotes: ['下班顺路就能来坐一会儿，比在家刷手机强多了', '孩子每周都要来借几本绘本，已经养成了习惯'],
    captions: ['图为小读者在城市书房里阅读。', '图为市民在读书节现场挑选图书。'],
  },
  {
    key: 'river',
    kickers: ['守护一河清水', '生态文明建设'],
    mains: ['东河水清岸绿鸟归来', '黑臭河变身“生态廊道”', '白鹭又回来了'],
    twoLineMains: [['昔日臭水沟', '今朝风景线']],
    subtitles: ['——{dist}东河综合治理见闻'],
    subheads: ['截污清淤治根本', '人人都是护河人'],
    leads: [
      '{date}，记者沿着东河一路走去，河水清澈见底，两岸绿树成荫。',
      '{date}清晨，东河湿地公园里，几只白鹭在浅滩上觅食，不时振翅飞起。',
    ],
    sentences: [
      '几年前，这里还是一条黑臭河，沿岸居民常年不敢开窗。',
      '自实施综合整治以来，{dist}累计清淤{n:10-40}万立方米，新建截污管网{n:20-60}公里。',
      '今年一季度，东河出境断面水质稳定达到Ⅲ类，化学需氧量（COD）同比下降{pct:10-30}。',
      '全市PM2.5平均浓度为{n:28-40}微克/立方米，优良天数比例达到{pct:80-92}。',
      '沿河建成的滨水绿道全长{f:5-15}公里，成为市民散步、骑行的好去处。',
      '河长{p}每周至少巡河两次，发现问题立即通过手机上报。',
      '生态环境部门在重点河段安装了{n:10-30}套水质自动监测站，数据每4小时更新一次。',
      '{v}的村民们自发组建了“护河队”，定期清理河道垃圾。',
      '今年，全市计划完成造林绿化{n:1-5}万亩，新建口袋公园{n:20-50}个。',
      '白鹭、野鸭等{n:30-60}种鸟类重新回到东河湿地栖息。',
      '区生态环境分局负责人表示，将持续巩固治理成效，坚决防止河道污染反弹。',
      '在东河入河排污口，工作人员正在对在线监测设备进行校准。',
      '为了从源头上减少污染，沿河{n:20-60}家企业全部完成了污水处理设施升级改造。',
      '湿地公园里新种植了芦苇、菖蒲等水生植物{n:10-30}万株，水体自净能力明显提高。',
      '今年以来，全市共检查涉水企业{n:200-500}家次，立案查处环境违法案件{n:10-30}起。',
      '傍晚时分，滨河绿道上散步的市民络绎不绝，不少人拿出手机拍下夕阳下的河景。',
      '环保志愿者{p}每周末都会带着孩子来河边捡拾垃圾，她说要让孩子从小懂得爱护环境。',
      '据监测，东河流域的鱼类已恢复到{n:20-40}种，比整治前增加了一倍多。',
      '下一步，{dist}将推进东河上游{n:5-12}条支流的综合治理，实现全流域水质稳定达标。',
    ],
    quotes: ['小时候在河里摸鱼的日子，好像又回来了', '河干净了，来散步的人也多了'],
    captions: ['图为东河湿地公园一景。', '图为市民在东河绿道上骑行。'],
    vertical: [['一河清水向东流', '两岸绿意入画来']],
    verticalSubtitles: ['东河综合治理纪实'],
  },
  {
    key: 'school',
    kickers: ['办好人民满意的教育'],
    mains: ['新校区启用 新增学位{n:1500-3000}个', '课后服务“托”起成长', '智慧教室里上新课'],
    twoLineMains: [['新学期新校园', '孩子们有了好去处']],
    subtitles: ['今年全市新增学位{n:8000-15000}个'],
    subheads: ['选修课任学生挑', '城乡课堂连起来'],
    leads: [
      '{date}，青禾市第{n:2-9}中学新校区正式启用，可容纳学生{n:1500-3000}人。',
      '{date}下午放学后，{st}中心小学的操场上，孩子们正在上足球课。',
    ],
    sentences: [
      '新校区建有{n:40-80}间智慧教室，每间教室都配备了交互式电子白板。',
      '学校开设了机器人、3D打印、非遗剪纸等{n:20-40}门选修课，学生可自主选择。',
      '今年全市新建、改扩建中小学和幼儿园{n:10-25}所，新增学位{n:8000-15000}个。',
      '各校推行“5+2”课后服务模式，参与率达到{pct:90-99}。',
      '校长{p}介绍，学校每天安排一小时体育活动，近视率较去年下降了{f:1-4}个百分点。',
      '食堂实行“明厨亮灶”，家长通过手机就能实时查看后厨情况。',
      '市教育局相关负责人表示，将推进城乡教育均衡发展，让每个孩子都能享受优质教育。',
      '在科技实验室里，几名初二学生正在调试自己设计的自动浇花装置。',
      '学校还与{n:3-8}所农村学校结成帮扶对子，定期开展同步课堂。',
      '新学期开学前，教育部门对全市校车进行了安全检查，共排查隐患{n:20-60}处。',
      '学校的图书馆藏书{n:3-8}万册，全天向学生开放，还设有电子阅览区。',
      '体育馆内，篮球、排球、乒乓球等场地一应俱全，还建有{n:200-400}米标准跑道。',
      '新校区采用“走班制”教学，学生可以根据自己的兴趣选择课程。',
      '今年，全市还将招聘新教师{n:300-800}名，重点补充农村学校的音体美教师。',
      '家长{p}说，新学校离家近、条件好，孩子每天都盼着去上学。',
      '在劳动教育基地，学生们种下了番茄、黄瓜等蔬菜，定期观察记录它们的生长。',
    ],
    quotes: ['孩子放学后在学校写完作业，我们下班再接，省心多了', '新教室又宽敞又明亮，上课特别有意思'],
    captions: ['图为学生们在新校区的智慧教室里上课。'],
  },
];

/** Short-news items (简讯): a run-in title and one or two sentences. */
const BRIEFS: [string, string][] = [
  ['区图书馆延长开放时间', '从{date}起，{dist}图书馆周末开放时间延长至21时，少儿阅览室同步延时，读者可通过“青禾文化”APP预约座位。'],
  ['青禾马拉松开始报名', '2023青禾马拉松将于{date}鸣枪开跑，设全程、半程和5公里健康跑三个项目，名额共{n:12000-20000}个，报名截止后将抽签确定参赛资格。'],
  ['{road}夜间半幅施工', '因管网改造，{road}将于{date}至{date2}每晚22时至次日5时半幅封闭施工，请过往车辆提前绕行。'],
  ['社区开展反诈宣传', '近日，{st}民警走进{com}，向居民讲解“刷单返利”“冒充客服”等常见诈骗手法，发放宣传资料{n:300-900}份。'],
  ['郁金香花展开幕', '第{n:5-12}届郁金香花展在南湖公园开幕，{n:60-120}个品种、{n:10-30}万株花卉竞相开放，花展将持续到下月中旬。'],
  ['机关干部无偿献血', '{date}，{dist}{n:80-200}名机关干部参加无偿献血活动，献血总量达{n:20000-50000}毫升。'],
  ['春季招聘会提供岗位{n:3000-6000}个', '{date}，{dist}春季招聘会在人力资源市场举行，{n:80-150}家企业进场招聘，现场达成就业意向{n:400-900}人。'],
  ['免费为{n:500-900}名老人体检', '近日，{dist}卫生院组织医护人员为辖区{n:65-70}岁以上老人免费体检，项目包括血常规、心电图、B超等。'],
  ['消防安全进校园', '{date}，{dist}消防救援大队走进{st}中心小学，指导师生开展应急疏散演练，{n:600-1200}名师生在{n:2-4}分钟内全部安全撤离。'],
  ['农产品展销会举行', '{date}至{date2}，{dist}农产品展销会在会展中心举行，{n:100-200}家企业带来特色农产品，线上直播销售额突破{n:100-300}万元。'],
];

const SLOGANS = ['■ 共建生态家园 共享美好生活 ■ 文明青禾 你我同行', '■ 节约用水 从我做起 ■ 垃圾分类 人人有责', '■ 爱护公共设施 ■ 倡导绿色出行'];
const SIDEBARS: { topic: string; title: string; items: string[] }[] = [
  { topic: 'renewal', title: '数读老街', items: ['■ 改造街巷{n:20-40}条，总长{f:5-12}公里；', '■ 新增停车位{n:200-500}个；', '■ 更换LED路灯{n:300-600}盏；', '■ 新建口袋公园{n:3-8}处；', '■ 惠及居民{n:3000-9000}户。', '■ 征求意见{n:3-6}轮，收集建议{n:200-500}条；', '■ 保留老建筑{n:20-40}处；'] },
  { topic: 'renewal', title: '相关链接', items: ['什么是“有机更新”？有机更新是指在保留城市肌理和历史风貌的前提下，对老旧街区进行小规模、渐进式的改造，避免大拆大建。', '这种做法强调居民参与，改造方案要经过多轮公示和协商，让群众从“旁观者”变成“参与者”。'] },
  { topic: 'river', title: '链接', items: ['河长制：由各级党政负责人担任“河长”，负责组织领导相应河湖的管理和保护工作。', '全市共设立市、区、街道、村四级河长{n:800-1500}名，实现河湖全覆盖。'] },
];

/** One article's worth of text: headlines to choose from, a lead and a pool of further paragraphs. */
export interface ArticleText {
  topic: string;
  kickers: string[];
  mains: string[];
  twoLineMains: [string, string][];
  subtitles: string[];
  subheads: string[];
  byline: string;
  /** Opening paragraphs (without the byline), to choose one from. */
  leads: string[];
  /** Further paragraphs, each different; the page takes as many as fill its columns. */
  pool: string[];
  captions: { text: string; credit: string }[];
  vertical: [string, string][];
  verticalSubtitles: string[];
}

export class Writer {
  readonly rand: Rng;
  /** The page date: year, month, day. Articles report on the days before it. */
  readonly date: { y: number; m: number; d: number };

  constructor(readonly seed: number) {
    this.rand = seeded(seed);
    this.date = { y: 2023, m: 3 + this.int(0, 8), d: 12 + this.int(0, 16) };
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  person(): string {
    const given = this.rand() < 0.3 ? GIVEN[this.int(0, GIVEN.length - 1)] : GIVEN[this.int(0, GIVEN.length - 1)] + GIVEN[this.int(0, GIVEN.length - 1)];
    return SURNAMES[this.int(0, SURNAMES.length - 1)] + given;
  }

  /** 2023年4月18日 星期二 */
  pageDate(): string {
    const { y, m, d } = this.date;
    const wd = '日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return `${y}年${m}月${d}日 星期${wd}`;
  }

  /** Fill a template's slots: {date} {date2} {n:a-b} {f:a-b} {pct:a-b} {p} {dist} {st} {v} {road} {com} {co} {shop} {role}. */
  fill(template: string): string {
    let day = this.int(1, this.date.d - 2);
    return template.replace(/\{(\w+)(?::([\d.]+)-([\d.]+))?\}/g, (_, slot: string, a?: string, b?: string) => {
      const lo = Number(a);
      const hi = Number(b);
      switch (slot) {
        case 'date':
          day = this.int(1, this.date.d - 2);
          return `${this.date.m}月${day}日`;
        case 'date2':
          return `${this.date.m}月${Math.min(day + this.int(2, 9), 28)}日`;
        case 'n':
          return String(this.int(lo, hi));
        case 'f':
          return (lo + this.rand() * (hi - lo)).toFixed(1).replace(/^0\.0$/, '0.1');
        case 'pct':
          return `${(lo + this.rand() * (hi - lo)).toFixed(1)}%`;
        case 'p':
          return this.person();
        case 'dist':
          return this.pick(DISTRICTS);
        case 'st':
          return this.pick(STREETS);
        case 'v':
          return this.pick(VILLAGES);
        case 'road':
          return this.pick(ROADS);
        case 'com':
          return this.pick(COMMUNITIES);
        case 'co':
          return this.pick(COMPANIES);
        case 'shop':
          return this.pick(SHOPS);
        case 'role':
          return this.pick(ROLES);
        default:
          throw new Error(`prose: unknown slot {${slot}}`);
      }
    });
  }

  byline(): string {
    const kind = this.int(0, 3);
    if (kind === 0) return `本报讯（记者 ${this.person()} 通讯员 ${this.person()}）`;
    if (kind === 1) return `本报讯（记者 ${this.person()}）`;
    if (kind === 2) return `本报讯（通讯员 ${this.person()} ${this.person()}）`;
    return `本报讯（记者 ${this.person()} 实习生 ${this.person()}）`;
  }

  /** A quote sentence: “…，”某某说。 or 某某说：“…。” */
  private quote(q: string): string {
    const who = this.rand() < 0.5 ? `${this.pick(['居民', '市民', '村民'])}${this.person()}` : `${this.pick(ROLES)}${this.person()}`;
    const r = this.int(0, 2);
    if (r === 0) return `“${q}。”${who}说。`;
    if (r === 1) return `${who}告诉记者：“${q}。”`;
    return `“${q}……”说起这些变化，${who}感慨地说。`;
  }

  /** Paragraphs for one article of a topic: the templates are used in shuffled rounds so that neighbours differ. */
  article(topicKey: string, poolSize = 40): ArticleText {
    const t = TOPICS.find((x) => x.key === topicKey);
    if (!t) throw new Error(`prose: no topic ${topicKey}`);
    let deck: string[] = [];
    const next = () => {
      if (!deck.length) deck = this.shuffle([...t.sentences, ...t.quotes.map((q) => `\u0000${q}`)]);
      const s = deck.pop()!;
      return s.startsWith('\u0000') ? this.quote(s.slice(1)) : this.fill(s);
    };
    const pool: string[] = [];
    for (let i = 0; i < poolSize; i++) {
      // 1–5 sentences: paragraphs of very different lengths let the page fill its columns exactly.
      const n = this.pick([1, 2, 2, 3, 3, 3, 4, 5]);
      let p = '';
      for (let k = 0; k < n; k++) p += next();
      // Now and then a dash or an ellipsis inside the paragraph, as news prose has them.
      if (i % 7 === 3) p = p.replace(/，/, '——');
      pool.push(p);
    }
    const leads = t.leads.map((l) => this.fill(l) + next());
    return {
      topic: t.key,
      kickers: t.kickers.map((s) => this.fill(s)),
      mains: t.mains.map((s) => this.fill(s)),
      twoLineMains: t.twoLineMains.map(([a, b]) => [this.fill(a), this.fill(b)] as [string, string]),
      subtitles: t.subtitles.map((s) => this.fill(s)),
      subheads: [...t.subheads],
      byline: this.byline(),
      leads,
      pool,
      captions: t.captions.map((c) => ({ text: this.fill(c), credit: `${this.pick(['本报记者', '通讯员'])} ${this.person()} 摄` })),
      vertical: t.vertical ?? [],
      verticalSubtitles: (t.verticalSubtitles ?? []).map((s) => this.fill(s)),
    };
  }

  briefs(): { title: string; text: string }[] {
    return this.shuffle(BRIEFS).map(([title, text]) => ({ title: this.fill(title), text: this.fill(text) }));
  }

  sidebar(topic: string, which = 0): { title: string; items: string[] } {
    const s = SIDEBARS.filter((x) => x.topic === topic)[which];
    if (!s) throw new Error(`prose: no sidebar ${which} for ${topic}`);
    return { title: s.title, items: s.items.map((i) => this.fill(i)) };
  }

  slogan(): string {
    return this.pick(SLOGANS);
  }
}
