#!/usr/bin/env python3
"""Builds the labelled corpus (src/test/resources/corpus/labelled-messages.tsv) from hand-written work-group
messages, templates and evasion transforms. Seeded: the same file every run. Each line: the expected
categories (comma-separated, '-' for clean), a tab, the message.

Run from libs/moderation-engine: python3 src/test/corpus/make_corpus.py
"""
import random

R = random.Random(20261121)
TABLES = "src/main/resources/io/qunguan/moderation/engine/tables/"
S2T = {}
for line in open(TABLES + "t2s.txt", encoding="utf-8"):
    if len(line.rstrip("\n")) == 2 and not line.startswith("#"):
        S2T.setdefault(line[1], line[0])
PINYIN = {}
for line in open(TABLES + "pinyin.txt", encoding="utf-8"):
    if not line.startswith("#"):
        ch, readings, _ = line.rstrip("\n").split("\t")
        PINYIN[ch] = readings.split(",")[0]

rows = []


def add(categories, message):
    rows.append((",".join(sorted(categories)) if categories else "-", message))


# ---------------------------------------------------------------- evasions
SEPARATORS = [" ", "*", "~", "-", "_", "。。", "…", "😂", "\u200b", "·", "/", "☆", "  "]


def separated(term):
    sep = R.choice(SEPARATORS)
    return sep.join(term)


def traditional(term):
    return "".join(S2T.get(c, c) for c in term)


def fullwidth(term):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in term)


def repeated(term):
    i = R.randrange(len(term))
    return term[:i + 1] + term[i] * R.randint(1, 2) + term[i + 1:]


def pinyin_mixed(term):
    out = []
    for i, c in enumerate(term):
        out.append(PINYIN[c] if (i % 2 == 0) else c)
    return "".join(out)


def pinyin_full(term):
    return "".join(PINYIN[c] for c in term)


CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"}
LEET = {"o": "0", "i": "1", "e": "3", "a": "4", "s": "5", "t": "7"}


def latin_evasion(term):
    kind = R.randrange(5)
    if kind == 0:
        return term.upper()
    if kind == 1:
        return fullwidth(term)
    if kind == 2:
        return "".join(CYRILLIC.get(c, c) for c in term)
    if kind == 3:
        out = list(term)
        idx = [i for i, c in enumerate(out) if c in LEET and 0 < i < len(out) - 1] or \
              [i for i, c in enumerate(out) if c in LEET]
        if idx:
            i = R.choice(idx)
            out[i] = LEET[out[i]]
        return "".join(out)
    return ".".join(term)


def cjk_evasion(term, high_risk):
    choices = [separated, traditional, repeated, separated]
    if high_risk and all(c in PINYIN for c in term) and len(term) >= 3:
        choices += [pinyin_mixed, pinyin_full]
    elif high_risk and all(c in PINYIN for c in term):
        choices += [pinyin_mixed]
    return R.choice(choices)(term)


# ---------------------------------------------------------------- violations per category
CATEGORIES = {
    "gambling": (["兄弟们今晚{t}走起", "有没有人一起玩{t}", "推荐一个{t}，稳赚不赔", "昨晚{t}输了两万",
                  "{t}了解一下，私聊", "谁知道靠谱的{t}", "别上班了，{t}来钱快"],
                 ["!赌博", "!网赌", "!博彩", "赌球", "赌场", "百家乐", "时时彩", "六合彩", "!澳门赌场", "!线上赌场",
                  "真人荷官", "菠菜网", "casino", "baccarat"]),
    "porn": (["群里谁有{t}资源", "发个{t}给你们看看", "晚上{t}吗", "这{t}太刺激了", "私聊发{t}"],
             ["!色情", "!黄片", "约炮", "裸聊", "援交", "!一夜情", "!成人视频", "A片", "裸照", "porn", "porno",
              "blowjob"]),
    "drugs": (["有人要{t}吗，价格好说", "哪里能买到{t}", "昨晚试了{t}", "{t}货源稳定，私聊"],
              ["!毒品", "冰毒", "!海洛因", "大麻", "!摇头丸", "吸毒", "K粉", "麻古", "可卡因", "cocaine", "heroin"]),
    "ads": (["{t}，有意者私聊", "招人：{t}，宝妈学生都可以", "{t}了解一下", "专业{t}，价格优惠", "【推广】{t}"],
            ["!刷单返利", "!代开发票", "!兼职日结", "!网络兼职", "!免费领取", "!日赚千元", "!月入过万", "!引流推广",
             "贷款秒批", "信用卡套现", "代办信用卡", "涨粉"]),
    "abuse": (["你就是个{t}", "{t}，这都不会", "说你呢{t}", "什么{t}方案", "滚，{t}"],
              ["!傻逼", "!脑残", "弱智", "蠢货", "白痴", "智障", "王八蛋", "草泥马", "狗东西", "sb", "fuck", "idiot",
               "asshole"]),
    "defamation": (["{t}，大家早做打算", "说实话{t}", "我早就说了{t}"],
                   ["公司要倒闭", "公司快倒闭", "黑心公司", "垃圾公司", "老板是骗子", "压榨员工", "大家赶紧跑",
                    "这破公司"]),
    "rumour": (["{t}，下个月开始", "{t}，你们自己看着办", "{t}：总部要搬走了", "{t}，别说是我说的"],
               ["小道消息", "听说要裁员", "据说要降薪", "据可靠消息", "千万别外传", "网上都在传", "朋友圈都在传"]),
    "religion": (["周末有{t}活动，欢迎大家", "我认识一个大师会{t}", "{t}，保佑项目顺利", "{t}，转发有好运"],
                 ["传教", "算命", "看风水", "开光", "转运符", "烧香拜佛保佑", "转发好运"]),
    "political": (["有没有好用的{t}", "{t}教程发群里了", "他们在讨论{t}的事"],
                   ["!翻墙", "翻墙软件", "科学上网", "法轮功", "游行示威", "煽动罢工"]),
    "secrets": (["{t}发你了，别给别人", "这是{t}，看完删掉", "把{t}打包发我邮箱", "{t}在共享盘里"],
                ["绝密", "机密文件", "商业机密", "内部资料", "源代码", "数据库密码", "服务器密码", "客户名单",
                 "内部价格表", "投标底价", "技术图纸", "confidential"]),
    "financials": (["{t}先给你看一下", "别外传，{t}在附件", "{t}已经出来了"],
                   ["未公布财报", "内部财报", "季度营收未公布", "利润表草稿", "未公开业绩", "并购方案", "收购计划",
                    "内幕消息"]),
}

for category, (templates, terms) in CATEGORIES.items():
    for term in terms:
        high = term.startswith("!")
        term = term.lstrip("!")
        latin = term.isascii()
        plain_count = 2
        evasive_count = 4 if high else 2
        for _ in range(plain_count):
            add({category}, R.choice(templates).format(t=term))
        for _ in range(evasive_count):
            form = latin_evasion(term) if latin else cjk_evasion(term, high)
            add({category}, R.choice(templates).format(t=form))

# a few hand-written evasions, as seen in real groups
for cat, msg in [
    ("ads", "dai开fa票，税点低"), ("ads", "有需要dkfp的私聊我"), ("ads", "带开发票，各行业都有"),
    ("ads", "刷 单 返 利，一单一结"), ("ads", "刷*单*返*利 宝妈优先"), ("ads", "返~利刷~单，日结"),
    ("gambling", "賭*博网站推荐"), ("gambling", "du博平台，注册送彩金"), ("gambling", "赌赌赌博上头了"),
    ("gambling", "菠菜网注册就送"), ("abuse", "傻。。。逼领导"), ("abuse", "你是ｓｂ吗"), ("abuse", "真是个煞笔"),
    ("porn", "看p.o.r.n吗"), ("porn", "𝐩𝐨𝐫𝐧 资源"), ("porn", "Ⓟⓞⓡⓝ 合集"), ("porn", "色\u200b情网站"),
    ("porn", "色😀情直播"), ("drugs", "有du品吗"), ("political", "fan墙软件分享"),
]:
    add({cat}, msg)

# ---------------------------------------------------------------- personal data


def resident_id():
    area = R.choice(["110105", "310104", "440305", "320106", "510107", "330106"])
    birth = f"{R.randint(1960, 2003)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}"
    seq = f"{R.randint(0, 999):03d}"
    body = area + birth + seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


def luhn_complete(prefix, length):
    body = prefix + "".join(str(R.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        digits = [int(d) for d in body + check]
        total = 0
        for i, d in enumerate(reversed(digits)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return body + check


def phone():
    return "1" + R.choice("3456789") + "".join(str(R.randint(0, 9)) for _ in range(9))


for _ in range(40):
    add({"resident-id"}, R.choice(["我的身份证号{x}，帮我登记一下", "报销需要身份证：{x}", "新员工身份证 {x} 请录入",
                                   "身份证号码是{x}"]).format(x=resident_id()))
for _ in range(40):
    p = phone()
    form = R.choice([p, f"{p[:3]} {p[3:7]} {p[7:]}", f"{p[:3]}-{p[3:7]}-{p[7:]}", f"+86 {p}", fullwidth(p)])
    add({"phone"}, R.choice(["客户电话{x}，你跟进一下", "我手机号 {x}", "联系人王女士 {x}", "有事打我电话：{x}"]).format(x=form))
for _ in range(40):
    card = luhn_complete(R.choice(["62", "4", "52", "6222"]), R.choice([16, 19]))
    form = R.choice([card, " ".join(card[i:i + 4] for i in range(0, len(card), 4))])
    add({"bank-card"}, R.choice(["工资卡号{x}，麻烦更新", "打款到这个卡：{x}", "我的银行卡 {x} 户名张三"]).format(x=form))
for _ in range(30):
    user = R.choice(["zhangsan", "li.si", "wang_wu88", "chen.xiaoming", "hr-zhao", "sunli2020"])
    domain = R.choice(["example.com", "163.com", "qq.com", "gmail.com", "corp.example.cn"])
    add({"email"}, R.choice(["简历发到 {x}", "我的私人邮箱{x}，发这里", "联系邮箱：{x}"]).format(x=f"{user}@{domain}"))

# ---------------------------------------------------------------- links and contacts
for _ in range(30):
    host = R.choice(["bet365.com", "m.bet365.com", "www.88bet.com", "pornhub.com", "cn.pornhub.com",
                     "free-gift-claim.top", "wechat-verify.xyz", "login.icbc-login.net", "bеt365.com"])
    link = R.choice(["{h}", "http://{h}", "https://{h}/reg?id=" + str(R.randint(100, 999))]).format(h=host)
    # a porn site's name is porn content too
    add({"link-blocked", "porn"} if "porn" in host else {"link-blocked"}, R.choice(["点这个 {x} 领奖", "{x} 快去看", "账号异常请登录 {x} 验证"]).format(x=link))
for _ in range(30):
    link = R.choice(["http://t.cn/A6" + str(R.randint(1000, 9999)), "https://bit.ly/3x" + str(R.randint(100, 999)),
                     "dwz.cn/k" + str(R.randint(10, 99)), "http://45.76.12." + str(R.randint(1, 250)) + "/app.apk",
                     "https://tinyurl.com/y" + str(R.randint(1000, 9999))])
    labels = {"link-unverifiable", "link-executable"} if link.endswith(".apk") else {"link-unverifiable"}
    add(labels, R.choice(["活动链接 {x}", "点这里 {x} 下载", "{x} 看一下"]).format(x=link))
for _ in range(40):
    handle = R.choice(["加V", "vx", "薇信", "威信", "加微", "扣扣", "tg", "v信"])
    account = R.choice(["abc12345", "happy_2024", "lucky888", "wx_99123", "tt520520", "mm12345"])
    msg = R.choice(["{h}：{a} 详聊", "{h} {a}，备注来意", "有意者{h}:{a}", "日结工资，{h}联系", "{h}了解返利详情"])
    add({"ads"}, msg.format(h=handle, a=account))
for _ in range(15):
    add({"ads"}, R.choice(["兼职招募，QQ {n}", "宝妈副业，日结，扣扣{n}", "低价出，联系 {n}"]).format(
        n=R.randint(10000, 999999999)))

# ---------------------------------------------------------------- clean work chat
SUBJECTS = ["周报", "月度总结", "项目排期", "需求文档", "测试报告", "预算表", "合同", "报价单", "会议纪要", "方案初稿",
            "客户回访记录", "上线计划", "复盘材料", "培训课件", "考勤表", "发票", "出差申请", "采购单"]
PEOPLE = ["张经理", "李总", "王工", "小陈", "刘主管", "赵姐", "孙老师", "周同学", "吴总监", "郑律师"]
TIMES = ["明天上午十点", "今天下午三点", "周五下班前", "下周一", "本周三", "今晚八点", "月底前", "后天"]
CLEAN_TEMPLATES = [
    "收到，{time}前把{s}发出来", "{p}，{s}我已经更新了，麻烦看一下", "{time}开会讨论{s}，请准时参加",
    "{s}已上传共享盘，大家有意见在群里说", "好的，{s}我来跟进", "@{p} {s}需要您审批一下", "{s}第二版改好了，请查收",
    "谢谢{p}，{s}没问题了", "{time}之前大家把{s}提交给{p}", "提醒：{s}截止时间是{time}", "{p}请假，{s}由我代为处理",
    "客户对{s}很满意，辛苦大家了", "{s}里第三页数据需要再核对一下", "{p}：{s}先按这个版本走", "收到",
    "好的", "明白", "辛苦了", "👍", "已处理", "{time}的会议改到线上", "会议室订好了，{time}见",
]
for _ in range(700):
    add(set(), R.choice(CLEAN_TEMPLATES).format(time=R.choice(TIMES), s=R.choice(SUBJECTS), p=R.choice(PEOPLE)))

HARD_INNOCENT = [
    "他不想赌，博士论文还没写完", "前面路口交通拥堵，晚点到", "十字路口交通管制，绕行", "读博好辛苦，坚持住",
    "他就是赌气不来开会", "我妈的生日是下周，请个假", "公司严禁赌博，请大家遵守", "禁止赌博，违者开除",
    "打麻将三缺一，周末谁来", "菠菜炒蛋很好吃", "这个片区的黄色标识要换", "周末约跑步吗", "病毒扫描已完成",
    "非物质文化遗产申报材料", "这是个大麻烦", "反诈宣传：警惕刷单诈骗", "谨防刷单，不要轻信", "打击网赌专项行动通知",
    "远离毒品，珍爱生命", "禁毒宣传周活动安排", "usb接口坏了，换一个", "grass is green", "I have to go now",
    "class assignment due Friday", "please assess the risk", "the assistant will help", "passport copy needed",
    "shitake mushrooms for lunch", "methods section is done", "heroine of the story", "Sebastian joined the team",
    "SBU业务汇报", "PPT做好了发群里", "KPI考核表已下发", "口交代的事情办完了吗", "源代码审查会议明天开",
    "开源代码的许可证要注意", "出口交易额同比增长", "入口交接处需要有人值班", "开口交流比闷着强", "工资卡号已更新完毕",
    "订单号 2023112012345678 已发货", "快递单号 SF1234567890123", "报销金额 12345.67 元", "合同编号 HT-2024-00123",
    "时间 20231120153045 的日志", "会议号 123 456 789", "工号 100234", "验证码 382910 不要告诉别人",
    "客服电话 400-800-8888", "分机 8021", "房间 1203", "版本 v1.2.3 已发布", "进度 3.5%，比昨天快",
    "文档在 https://docs.example.com/wiki/123", "内网地址 10.0.0.5:8080", "git 仓库 git.example.com/team/app",
    "官网 www.example.cn 已更新", "邮件抄送给 hr 部门", "有问题加我微信沟通", "vx群里发了会议纪要",
    "订单 12345678 已发货", "微信群里说了", "qq邮箱收不到附件", "返利政策按合同执行", "客户返利下个月结算",
    "兼职同事的考勤怎么算", "福利发放通知：中秋月饼", "红包雨活动方案初稿", "优惠券核销数据在附件",
    "色彩搭配再调一下", "黄色预警，注意防暑", "黄金周值班安排", "这个品种卖得好", "物流单号已发",
    "刷新一下页面就好", "刷卡报销流程", "单据已交财务", "利润率下降了两个点", "票据丢了怎么办",
    "领取工牌在前台", "领导说周五开会", "粉丝数据月报", "死机了重启一下", "算法组周会", "装修进度正常",
    "风水宝地这个说法是客户开玩笑", "他们在讨论交通方案", "翻墙施工注意安全", "请勿外带公司设备",
    "内部培训报名截止周五", "机密等级划分制度学习", "保密培训明天下午", "财报公布后统一口径",
    "据天气预报明天下雨", "听说明天放晴", "小道上有积水注意", "传教士路的那个店", "算了吧，明天再说",
    "别问了，我也不知道", "谁有充电宝", "公司门口的奶茶店新开的", "这个垃圾桶满了", "公司年会节目报名",
    "博客文章已发布", "交通补贴标准调整", "博物馆团建方案", "色号选错了", "黄片区域施工", "单价是多少",
    "这批货的品质不错", "毒舌评论区", "冰箱里有蛋糕", "大麻绳和麻袋在仓库",
    "这个idiom怎么翻译", "assessment report", "bass guitar for the party", "we use sbt to build",
    "Essex office visit", "cocktail party", "Dickens reading club", "scrapbook for the event",
]
for msg in HARD_INNOCENT:
    add(set(), msg)
# the look-alikes again inside ordinary sentences, so each one is tried in a second context
for msg in HARD_INNOCENT:
    add(set(), R.choice(["{m}", "@{p} {m}", "{m}，收到请回复", "补充一句：{m}"]).format(m=msg, p=R.choice(PEOPLE)))

# ---------------------------------------------------------------- work focus (CT-1)
# Off-topic chat as it comes in work groups, and the same words in messages that carry work (hard cases: a greeting
# with the holiday's work arrangements, a platform named in a marketing plan, a red packet in the annual party's budget).
OFF_TOPIC = [
    ("chit-chat", "中午吃什么呀"), ("chit-chat", "今晚吃什么，火锅还是烧烤"), ("chit-chat", "周末去哪玩，有推荐吗"),
    ("chit-chat", "最近在追剧，停不下来"), ("chit-chat", "哈哈哈哈哈太好笑了"), ("chit-chat", "谁晚上一起开黑"),
    ("chit-chat", "王者荣耀有人组队吗"), ("chit-chat", "上分上分，今晚五排"), ("chit-chat", "摸鱼中，好无聊啊"),
    ("chit-chat", "无聊死了，有人聊天吗"), ("chit-chat", "约饭约饭，下班撸串去"), ("chit-chat", "今天世界杯谁看了"),
    ("chit-chat", "昨晚看球熬到三点"), ("chit-chat", "来斗图啊"), ("chit-chat", "下午点奶茶吗，我请客"),
    ("chit-chat", "吃了吗各位"), ("chit-chat", "周末出去浪吗"), ("chit-chat", "今天星座运势说我要发财"),
    ("chit-chat", "赌约输了请喝奶茶"), ("chit-chat", "这个综艺太好看了"), ("chit-chat", "笑死我了，你们快看"),
    ("chit-chat", "晚上吃什么好纠结"), ("chit-chat", "吃鸡吗，四缺一"), ("chit-chat", "聊八卦了聊八卦了"),
    ("festive-greeting", "祝大家新年快乐！"), ("festive-greeting", "新春快乐，万事如意"),
    ("festive-greeting", "中秋节快乐🎑"), ("festive-greeting", "国庆快乐！"), ("festive-greeting", "端午安康"),
    ("festive-greeting", "元宵节快乐，记得吃汤圆"), ("festive-greeting", "祝各位女神节快乐"),
    ("festive-greeting", "圣诞快乐🎄"), ("festive-greeting", "恭喜发财，大吉大利"), ("festive-greeting", "祝王工生日快乐🎂"),
    ("festive-greeting", "阖家幸福，心想事成"), ("festive-greeting", "七夕快乐呀"), ("festive-greeting", "新年快乐新年快乐"),
    ("festive-greeting", "祝大家春节快乐，岁岁平安"), ("festive-greeting", "元旦快乐！"), ("festive-greeting", "節日快樂"),
    ("red-packet-game", "抢红包啦！"), ("red-packet-game", "红包接龙，下一个谁来"), ("red-packet-game", "拼手气，手慢无"),
    ("red-packet-game", "我是运气王，下一个我来"), ("red-packet-game", "手气最佳的接着发"),
    ("red-packet-game", "群主发个红包呗"), ("red-packet-game", "来来来发红包"), ("red-packet-game", "红包雨来了，快抢"),
    ("entertainment", "https://v.douyin.com/iRxAbc12/ 这个舞好火"), ("entertainment", "抖音上这个舞好火"),
    ("entertainment", "b站新番更新了"), ("entertainment", "快手上那个主播又火了"), ("entertainment", "小红书种草了一个包"),
    ("entertainment", "微博热搜看了吗"), ("entertainment", "爱奇艺会员谁有，借一下"),
    ("entertainment", "https://b23.tv/Xy12Ab 推荐一个视频"), ("entertainment", "优酷上那部剧好看"),
    ("entertainment", "哔哩哔哩这个up主绝了"),
]
WORK_AFTER_ALL = [
    "国庆节放假安排：10月1日至7日放假，10日正常上班", "新年快乐！1月4日正常上班，请大家提前安排好工作",
    "中秋节快乐，月饼在前台领取，行政部通知", "年会抽奖环节发红包的预算请财务确认", "抖音直播带货方案下午讨论",
    "小红书推广的数据周报已发", "客户在快手上投诉我们，请尽快跟进", "b站投放的报价单发我一下",
    "微博热搜上的舆情请公关同事处理", "生日快乐！本月员工生日会周五下午三点，人事安排", "明天中午吃什么？客户一点到，请确认人数",
    "周末去哪玩的团建方案投票", "打游戏的外挂问题测试组复现了吗", "哈哈哈哈，方案终于过了", "笑死，客户又改需求了",
    "恭喜发财是春节海报的标语，设计稿在附件", "红包封面设计稿请审批", "拼手气红包的活动规则写进方案里",
    "运气王这个词别写进宣传文案", "熬夜看球别影响上班", "元宵节快乐，晚上值班的同事辛苦", "端午安康，粽子按部门领取",
    "爱奇艺的合同续签流程走到哪了", "抖音账号的运营数据月底前汇总", "优酷的广告排期表已确认",
]
for labels, msg in OFF_TOPIC:
    add({labels}, msg)
for labels, msg in OFF_TOPIC:
    add({labels}, R.choice(["{m}", "@{p} {m}", "{m}😂", "{m}！！"]).format(m=msg, p=R.choice(PEOPLE)))
for msg in WORK_AFTER_ALL:
    add(set(), msg)
    add(set(), R.choice(["{m}", "@{p} {m}", "{m}，收到请回复"]).format(m=msg, p=R.choice(PEOPLE)))

# ---------------------------------------------------------------- evasions and look-alikes measured per kind
# Each kind: messages that must be caught and innocent look-alikes that must stay clean (labels as in add()).
GAPS = {
    # two-syllable pinyin of a high-risk term: counted only beside a context word of its category (context.txt);
    # a name (Du Bo, Wang Du) or ordinary pinyin without one stays clean
    "pinyin-2": [
        ({"gambling"}, "今晚dubo走起，赔率一比九"), ({"gambling"}, "wangdu输了好几万，想上岸"),
        ({"gambling"}, "bocai平台注册送彩金"), ({"gambling"}, "dubo充值秒到账，提现也快"),
        ({"gambling"}, "wang du下注的那个盘口关了"), ({"porn"}, "有没有seqing网站，高清无码"),
        ({"porn"}, "huangpian资源打包，种子私发"), ({"porn"}, "seqing直播一对一"),
        ({"drugs"}, "dupin货源稳定，价格好说"), ({"drugs"}, "有dupin吗，想嗨一下"),
        ({"ads"}, "shuadan日结，佣金高"), ({"ads"}, "tangzhuan项目，宝妈学生党都能做"),
        ({"abuse"}, "你就是个shabi"), ({"abuse"}, "真是个naocan"),
        ({"political"}, "fanqiang梯子推荐，节点稳定"), ({"political"}, "fan qiang用的vpn教程"),
        (set(), "Du Bo 明天到北京出差"), (set(), "dubo的周报发我一下"), (set(), "Wang Du 负责这个项目的对接"),
        (set(), "供应商 Bocai Tech 的报价到了"), (set(), "seqing同学下午请假"), (set(), "Shabi 是新来的实习生"),
        (set(), "Dupin 的那本推理小说挺好看"), (set(), "wangdu服务器的价格表在附件"),
        (set(), "fanqiang是这个文件夹的名字"), (set(), "naocan这个拼音打错了"),
    ],
    # a one-character sound-alike in a short term
    "homophone": [
        ({"porn"}, "今晚约泡吗"), ({"porn"}, "有没有裸撩的"), ({"porn"}, "学生妹援胶，私聊"),
        ({"drugs"}, "冰读货源稳定"), ({"drugs"}, "有人吸读被抓了"), ({"gambling"}, "今晚读球吗，欧冠"),
        ({"gambling"}, "去堵场玩两把"), ({"gambling"}, "在线读场，真人荷官"),        (set(), "病毒扫描已完成"), (set(), "周末约跑步吗"), (set(), "他俩发生了口角"), (set(), "大马路上堵车了"),
        (set(), "冰冻的饮料在冰箱"), (set(), "读书会周五举行"), (set(), "独场演出的门票"), (set(), "原交付计划不变"), (set(), "这个罗照片是谁拍的"),
    ],
    # a high-risk Latin term glued to other letters
    "latin-glued": [
        ({"porn"}, "freeporn网站推荐"), ({"porn"}, "看pornvideo吗"), ({"porn"}, "最新hotporn合集"),
        ({"abuse"}, "fuckyou领导"), ({"abuse"}, "你个bitchface"), ({"abuse"}, "holyfuck又改需求"),
        ({"drugs"}, "cocainedealer在群里"), ({"gambling"}, "onlinecasino注册送钱"), ({"gambling"}, "livebaccarat真人"),
        ({"porn"}, "blowjobvideo资源"),
        (set(), "heroine of the story"), (set(), "the heroines in this film"), (set(), "shitake mushrooms"),
        (set(), "methods section is done"), (set(), "Scunthorpe office visit"), (set(), "class assignment"),
        (set(), "passport copy needed"), (set(), "please assess the risk"), (set(), "the cocktail party"),
        (set(), "Essex office visit"), (set(), "something went wrong"), (set(), "occasional downtime"), (set(), "中午去shitang吃饭"),
    ],
    # a contact handle, or its account, broken by spaces, brackets or look-alikes
    "handle": [
        ({"ads"}, "vx: abc 12345"), ({"ads"}, "vx：abc 123 45 详聊"), ({"ads"}, "vx：a b c 1 2 3 4 5"),
        ({"ads"}, "vx（abc12345）"), ({"ads"}, "vx【lucky888】"), ({"ads"}, "vx→tt520520"), ({"ads"}, "vx号码 mm12345"),
        ({"ads"}, "v 信 — happy_2024"), ({"ads"}, "徽信 abc12345"), ({"ads"}, "+v：wx_99123"), ({"ads"}, "＋V lucky888"),
        ({"ads"}, "薇 信：\"abc12345\""),
        (set(), "vx群里发了会议纪要"), (set(), "有问题加我微信沟通"), (set(), "vx 上说吧，我在开会"),
        (set(), "tg group is for the release"), (set(), "wx 收到了，谢谢"), (set(), "我+v了，已通过"),
        (set(), "vx: I am in a meeting"), (set(), "qq号 在通讯录里"),
    ],
    # traffic diversion phrased as shopping: two shopping words, or one and a promotion word, with a handle or a number
    "shopping": [
        ({"ads"}, "海外代购，正品保证，加vx"), ({"ads"}, "正品代购，有意者私聊我"), ({"ads"}, "高仿包包，一比一，v信"),
        ({"ads"}, "原单货源，厂家直销，加微"), ({"ads"}, "代购化妆品，正品低价，扣扣联系"),
        ({"ads"}, "一比一复刻表，wx详谈"), ({"ads"}, "日本代购，特价，加V信"), ({"ads"}, "高仿A货，私信我"),
        ({"ads", "phone"}, "正品代购 13800138000"), ({"ads"}, "莆田鞋一手货源 QQ 12345678"),
        (set(), "这批货是正品吗？加我微信确认一下"), (set(), "公司采购不走代购渠道"), (set(), "代购的发票能报销吗"),
        (set(), "客户问是不是正品，我回复了"), (set(), "高仿的样品寄到了，质检看一下"), (set(), "货源紧张，交期延后"),
        (set(), "厂家直销的报价比代理低"), (set(), "正品率的数据在报表里"),
    ],
    # links to executables; intranet links stay clean (policy: they are work)
    "link": [
        ({"link-executable"}, "新版客户端 https://download.example.com/setup.exe"),
        ({"link-executable"}, "装一下这个 http://192.168.1.20/tool.exe"),
        ({"link-executable"}, "http://10.0.0.8/app.apk 手机装这个"), ({"link-executable"}, "补丁 download.example.cn/patch.bat"),
        ({"link-executable"}, "http://fileserver.local/setup.msi 装完重启"),
        ({"link-executable"}, "屏保 http://free-screensaver.top/love.scr"), ({"link-executable"}, "脚本 https://a.example.net/run.ps1"),
        ({"link-executable", "link-unverifiable"}, "下载地址 http://45.76.12.9/app.apk"),
        ({"link-executable"}, "https://pan.example.com/s/abc/tool.exe?dl=1"),
        (set(), "内网地址 10.0.0.5:8080"), (set(), "OA 在 http://oa.corp.internal/approve"), (set(), "测试环境 http://192.168.1.20:8080/login"),
        (set(), "本地起了服务 http://localhost:3000/"), (set(), "setup.exe 在共享盘里，自己拷"), (set(), "文档 https://docs.example.com/install-exe-guide"),
        (set(), "http://172.16.3.4/wiki/部署手册"), (set(), "报表 http://10.1.2.3/report.xlsx"), (set(), "apk 包明天打"),
    ],
    # a space between a term and the rest of an ordinary word its last character begins
    "space": [
        (set(), "黄片 区域施工"), (set(), "传教 士路的那个店"), (set(), "大麻 绳和麻袋在仓库"),
        (set(), "这个黄片 区的地图"), (set(), "援交 货款对一下"), (set(), "毒品 种的问题"),
        ({"porn"}, "黄片 资源"), ({"gambling"}, "网赌 平台推荐"), ({"drugs"}, "大麻 哪里买"), ({"religion"}, "传教 活动"),
    ],
}
for kind, cases in GAPS.items():
    for labels, msg in cases:
        add(labels, msg)

R.shuffle(rows)
with open("src/test/resources/corpus/labelled-messages.tsv", "w", encoding="utf-8") as f:
    f.write("# expected categories ('-' = clean)<TAB>message; generated by src/test/corpus/make_corpus.py\n")
    for labels, message in rows:
        f.write(labels + "\t" + message.replace("\n", " ") + "\n")
print(len(rows), "messages")
