"""Generate input/donghe-evening-community.txt: an original sample page in the shape of extracted
text (hard-wrapped at the original column widths, gaps after full-width marks, frame breaks).
The articles are written for banmian's tests; they describe no real events."""
import re

def width(s):
    w = 0
    for c in s:
        w += 0.5 if ord(c) < 0x2000 or c in '“”‘’' else 1
    return w

def wrap(par, length, indent=2):
    lines, cur, cw = [], '', indent
    for c in par:
        cwid = 0 if c == ' ' else 0.5 if ord(c) < 0x2000 or c in '“”‘’' else 1
        if cw + cwid > length and c not in '，。、；：？！”）》':
            lines.append(cur); cur, cw = '', 0
        cur += c; cw += cwid
    if cur: lines.append(cur)
    return lines

def debris(line):
    # extraction gaps: a space after some full-width marks and around numbers
    line = re.sub(r'([，。；：])(?=.)', lambda m: m.group(1) + (' ' if hash(line) % 3 else ''), line)
    line = re.sub(r'(\d+(?:\.\d+)?)', r' \1 ', line)
    return line.strip()

ARTICLES = [
  ('东河区', '老旧小区改造全面开工', 18, '本报讯 （记者 李明 通讯员 周小雨）', [
    '5月17日，东河区2021年老旧小区改造工程全面开工。今年全区计划改造老旧小区36个，涉及居民4200余户，总投资约1.8亿元，年底前全部完工。',
    '此次改造坚持“先民生后提升”的原则，重点解决雨污分流、管网老化、道路破损、照明不足等居民反映强烈的问题，同时增设电动自行车充电桩、无障碍坡道和休闲健身设施。',
    '为了让改造更贴近群众需求，各街道在开工前逐户走访征求意见，共收集意见建议860余条，并据此调整了设计方案。施工期间，各小区将设立公示栏，公布工期、施工单位和监督电话，接受居民监督。',
    '在东湖小区施工现场，工人们正在更换已经使用了三十多年的供水管道。小区居民李大爷告诉记者，过去一到用水高峰，楼上就没水，雨季院子里还常常积水，“这回总算盼来了改造，大家心里都高兴。”',
    '为减少施工对居民生活的影响，施工单位采取分段施工、错时作业的办法，每天晚上7点后停止产生噪声的作业，并在小区出入口设置临时通道和夜间照明。对行动不便的老年人，社区志愿者还提供送菜上门等服务。',
    '区住建局有关负责人表示，改造完成后将同步引入物业服务，建立长效管理机制，确保小区“改得好、管得住、用得久”。下一步，全区还将把改造范围扩大到2000年以前建成的所有老旧小区，力争三年内基本完成。']),
  ('', '社区图书馆开门迎客', 15, '本报讯 （记者 王芳）', [
    '5月15日，位于新华街道的东河区第一家社区图书馆正式开放。图书馆面积约320平方米，藏书1.2万册，设有少儿阅读区、老年阅览区和自习室。',
    '开馆当天，不少居民带着孩子前来借书。居民张女士说：“以前借书要坐半个小时公交，现在下楼就能看书，孩子放学后也有了好去处。”',
    '据介绍，图书馆实行通借通还，读者凭身份证即可免费办理借书证，每天开放时间为上午9点至晚上9点。',
    '今后，图书馆还将定期举办读书会、亲子阅读和讲座等活动，并招募社区志愿者参与日常管理，让图书馆真正成为居民家门口的“文化客厅”。']),
  ('', '夜市重开 烟火气回来了', 15, '本报讯 （通讯员 赵磊）', [
    '随着气温回升，东河区滨河路夜市于近日重新开市。夜市共设摊位120个，经营小吃、文创、日用百货等，每晚吸引市民游客上万人次。',
    '为规范经营秩序，街道与市场监管部门联合制定了摊位管理办法，统一摊位样式，实行垃圾分类和定时清运，并安排专人巡查食品安全。',
    '“摊位费低，客流量大，一个月能挣四五千元。”经营烤红薯的摊主老刘笑着说。',
    '街道有关负责人介绍，夜市开放时间为每天下午6点至晚上11点，周边设置了临时停车场和公共厕所，下一步还将引入非遗展示和街头演出，打造有特色的夜间消费街区。']),
  ('', '三条公交线路优化调整', 14, '本报讯 （记者 陈晨）', [
    '记者从市公交集团获悉，自5月20日起，途经东河区的3条公交线路将优化调整，新增站点7个，覆盖城东新建的两个居民小区。',
    '其中，12路公交车延伸至东河客运站，发车间隔由15分钟缩短至10分钟；K3路增开早晚高峰区间车。调整后，沿线约两万名居民出行将更加便利。',
    '市公交集团提醒，线路调整初期，各站点将张贴告示，车内也将循环播报，乘客可通过手机应用查询车辆实时位置。对调整方案有意见和建议的，可拨打公交服务热线反映。']),
  ('', '义诊送到家门口', 14, '本报讯 （通讯员 孙丽）', [
    '5月16日上午，东河区人民医院的12名医生走进向阳社区，为居民开展义诊活动，测血压、测血糖、听诊问诊，现场还为行动不便的老人提供上门服务。',
    '当天共为300余名居民提供健康咨询，发放健康手册500余份。医生们还结合季节特点，讲解了春夏之交常见病的预防知识。',
    '社区负责人表示，今后将与医院建立定期义诊机制，每月组织一次，让居民在家门口就能享受到优质的医疗服务。']),
]
SIDEBAR = '温馨提示：改造期间，请居民朋友注意施工安全，车辆按指定位置停放，有问题可拨打监督电话咨询。'
CAPTION = ('图为施工人员在东湖小区更换老化管网。', '本报记者 李明 摄')

out = []
for kicker, main, L, byline, paras in ARTICLES:
    if kicker: out += [kicker, '']
    out += [main, '']
    first = True
    for p in paras:
        text = (byline if first else '') + p
        lines = wrap(text, L)
        # a frame break: a blank line in the middle of the second paragraph
        for i, l in enumerate(lines):
            out.append(debris(l))
            if not first and i == 1 and len(lines) > 3: out.append('')
        first = False
        out.append('')
out += [CAPTION[0] + ' ' + CAPTION[1], '']
out += wrap(SIDEBAR, 10, 2) + ['']
out += ['■文明东河 你我共建', '']
open('input/donghe-evening-community.txt', 'w', encoding='utf-8').write('\n'.join(out))
