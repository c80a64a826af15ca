<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Canvas</name>
    <message>
        <location filename="../../lenet_gui/gui/canvas.py" line="105"/>
        <source>Draw a digit. Right-click clears.</source>
        <translation>在此写一个数字。右键单击清除。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/canvas.py" line="286"/>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="27"/>
        <source>Compare conv C5 and linear C5</source>
        <translation>比较卷积 C5 与全连接 C5</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="37"/>
        <source>The same drawing through both forms of LeNet-5, each with its own weights. With weights converted from one form to the other, the two answers agree to the last few decimals. The bars are the networks&apos; raw output (softmax probabilities), not the calibrated confidence of the main window.</source>
        <translation>同一幅手写数字分别送入 LeNet-5 的两种形式，各自使用自己的权重。若一种形式的权重是由另一种转换而来，两者的输出会一致到小数点后最后几位。这里的条形图是网络的原始输出（softmax 概率），不是主窗口中校准后的置信度。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="57"/>
        <source>{v} C5</source>
        <translation>{v} C5</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="99"/>
        <source>{part} of the number on the canvas (choose another in the main window)</source>
        <translation>画布上数字串的{part}（可在主窗口中选择其他位）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="109"/>
        <source>Running both networks…</source>
        <translation>正在运行两个网络…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="122"/>
        <source>Comparison failed: {m}</source>
        <translation>比较失败：{m}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="133"/>
        <source>{v} C5 · {w} weights</source>
        <translation>{v} C5 · {w}权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="136"/>
        <source>Draw a digit to compare.</source>
        <translation>写一个数字来比较。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="139"/>
        <source>No digit found.</source>
        <translation>未找到数字。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="142"/>
        <source>Both say {d}.</source>
        <translation>两者都认为是 {d}。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="142"/>
        <source>They disagree.</source>
        <translation>两者结果不同。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/compare_dialog.py" line="144"/>
        <source>Largest difference between the two sets of probabilities: &lt;b&gt;{d}&lt;/b&gt;. {verdict}</source>
        <translation>两组概率之间的最大差值：&lt;b&gt;{d}&lt;/b&gt;。{verdict}</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <location filename="../../lenet_gui/gui/confusion_view.py" line="28"/>
        <source>Click a cell to see those digits</source>
        <translation>单击单元格查看对应的数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/confusion_view.py" line="84"/>
        <source>True {t}, predicted {p}: {n:,} images</source>
        <translation>真实 {t}，预测 {p}：{n:,} 张图像</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/confusion_view.py" line="132"/>
        <source>predicted digit</source>
        <translation>预测数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/confusion_view.py" line="138"/>
        <source>true digit</source>
        <translation>真实数字</translation>
    </message>
</context>
<context>
    <name>ConvertDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="39"/>
        <source>Convert Weights</source>
        <translation>转换权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="44"/>
        <source>Converting the {v} C5 weights into {t} C5: C5&apos;s weight of 120×16×5×5 holds the same numbers as a 120×400 matrix, so only its shape changes. Checking that both give the same outputs…</source>
        <translation>正在把 {v} C5 的权重转换为 {t} C5：C5 的 120×16×5×5 权重与 120×400 矩阵包含完全相同的数值，只是形状不同。正在检查两者的输出是否一致…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="54"/>
        <source>Save as My {t} C5 Weights…</source>
        <translation>保存为我的 {t} C5 权重…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="82"/>
        <source>Save the converted weights as your {t} C5 weights? The app uses them whenever {t} C5 is chosen.</source>
        <translation>将转换后的权重保存为你的 {t} C5 权重吗？以后选择 {t} C5 时程序将使用它们。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="85"/>
        <source>This replaces your current {t} C5 weights in {path}.</source>
        <translation>这将替换你当前位于 {path} 的 {t} C5 权重。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="86"/>
        <source>Save converted weights</source>
        <translation>保存转换后的权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="107"/>
        <source>Could not save the weights</source>
        <translation>无法保存权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="101"/>
        <source>Saved as your {t} C5 weights in {path}.</source>
        <translation>已保存为你的 {t} C5 权重：{path}。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="115"/>
        <source>{s} C5 ({w} weights) converted into {t} C5.</source>
        <translation>{s} C5（{w}权重）已转换为 {t} C5。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="119"/>
        <source>Largest difference between the two models&apos; probabilities:</source>
        <translation>两个模型输出概率的最大差值：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="121"/>
        <source>on your drawing: no digit on the canvas</source>
        <translation>你的手写数字：画布上没有数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="123"/>
        <source>on your drawing: &lt;b&gt;{d}&lt;/b&gt;</source>
        <translation>你的手写数字：&lt;b&gt;{d}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="125"/>
        <source>on the MNIST test set: not checked ({m})</source>
        <translation>MNIST 测试集：未检查（{m}）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="128"/>
        <source>on the {n:,} MNIST test images: &lt;b&gt;{d}&lt;/b&gt;</source>
        <translation>{n:,} 张 MNIST 测试图像：&lt;b&gt;{d}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="133"/>
        <source>{k:,} of {n:,} test images predicted differently</source>
        <translation>{n:,} 张测试图像中有 {k:,} 张预测结果不同</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="137"/>
        <source>Differences this small are float rounding: the two models compute the same function.</source>
        <translation>如此微小的差值只是浮点舍入误差：两个模型计算的是同一个函数。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/convert_dialog.py" line="144"/>
        <source>Conversion failed: {m}</source>
        <translation>转换失败：{m}</translation>
    </message>
</context>
<context>
    <name>CorrectionBar</name>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="79"/>
        <source>Wrong? It is a …</source>
        <translation>认错了？它其实是…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="68"/>
        <source>✓ Right</source>
        <translation>✓ 正确</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="69"/>
        <source>✓ Right: keep the drawing as a sample of the answer</source>
        <translation>✓ 正确：把这幅手写数字保存为当前答案的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="70"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="71"/>
        <source>Forget this sample again</source>
        <translation>删除刚保存的这个样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="73"/>
        <source>It is a {d}: keep the drawing as a sample of {d}</source>
        <translation>它是 {d}：把这幅手写数字保存为 {d} 的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="74"/>
        <source>It is a {d}: keep this drawing as a sample of {d} (Alt+{d})</source>
        <translation>它是 {d}：把这幅手写数字保存为 {d} 的样本（Alt+{d}）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="90"/>
        <source>Nothing to confirm</source>
        <translation>没有需要确认的内容</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="93"/>
        <source>It is a {d}: keep this drawing as a sample of {d} ({key})</source>
        <translation>它是 {d}：把这幅手写数字保存为 {d} 的样本（{key}）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="108"/>
        <source>✓ You said {d}: kept as a sample</source>
        <translation>✓ 你说是 {d}：已保存为样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="110"/>
        <source>✓ {where} kept as a sample of {d}</source>
        <translation>✓ {where}已保存为 {d} 的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/correction_bar.py" line="114"/>
        <source>Draw the next digit, or Undo to forget this one</source>
        <translation>请写下一个数字，或点“撤销”删除这个样本</translation>
    </message>
</context>
<context>
    <name>DeviceCombo</name>
    <message>
        <location filename="../../lenet_gui/gui/device_combo.py" line="11"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/device_combo.py" line="11"/>
        <source>CUDA (GPU)</source>
        <translation>CUDA（GPU）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/device_combo.py" line="32"/>
        <source>Looking for a CUDA GPU while the model loads</source>
        <translation>模型加载时正在查找 CUDA GPU</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/device_combo.py" line="34"/>
        <source>No CUDA GPU is available on this machine</source>
        <translation>本机没有可用的 CUDA GPU</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="49"/>
        <source>Evaluate on MNIST</source>
        <translation>在 MNIST 上评估</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="52"/>
        <source>Evaluating {v} C5 on the MNIST test set…</source>
        <translation>正在 MNIST 测试集上评估 {v} C5…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="60"/>
        <source>Rows: the true digit. Columns: what the network said. Click a cell to see its digits.</source>
        <translation>行：真实数字。列：网络的判断。单击单元格可查看其中的数字。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="66"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="74"/>
        <source>Most confidently wrong</source>
        <translation>最自信的错误</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="76"/>
        <source>Load onto Canvas</source>
        <translation>放到画布上</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="77"/>
        <source>Put the chosen test digit on the canvas to see how the network reads it</source>
        <translation>把选中的测试数字放到画布上，看看网络如何识别它</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="87"/>
        <source>Test digits</source>
        <translation>测试数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="111"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="128"/>
        <source>True {t}, predicted {p}: the {m} most confident of {n:,} images</source>
        <translation>真实 {t}，预测 {p}：{n:,} 张图像中置信度最高的 {m} 张</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="130"/>
        <source>True {t}, predicted {p}: {n:,} images</source>
        <translation>真实 {t}，预测 {p}：{n:,} 张图像</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="142"/>
        <source>The {n} mistakes the network was most sure about</source>
        <translation>网络最有把握却判断错误的 {n} 个例子</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="144"/>
        <source>No mistakes at all.</source>
        <translation>没有任何错误。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="157"/>
        <source>said {p}
true {t}</source>
        <translation>判为 {p}
实为 {t}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="160"/>
        <source>Test image #{i}: said {p} ({c} sure)</source>
        <translation>测试图像 #{i}：判为 {p}（把握 {c}）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="188"/>
        <source>{v} C5 with the {w} weights, on {n:,} test images:</source>
        <translation>{v} C5（{w}权重），{n:,} 张测试图像：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="194"/>
        <source>&lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;{a}&lt;/span&gt; correct, {w:,} wrong</source>
        <translation>正确率 &lt;span style=&apos;font-size:20pt; font-weight:600&apos;&gt;{a}&lt;/span&gt;，错误 {w:,} 张</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/evaluate_dialog.py" line="207"/>
        <source>Evaluation failed: {m}</source>
        <translation>评估失败：{m}</translation>
    </message>
</context>
<context>
    <name>HowToDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/help_dialogs.py" line="103"/>
        <source>How to Use LeNet-5 Digit Pad</source>
        <translation>LeNet-5 手写数字板使用说明</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/help_dialogs.py" line="107"/>
        <source>&lt;h3&gt;Draw&lt;/h3&gt;&lt;p&gt;Draw a digit on the white sheet with the mouse or a pen tablet. The network reads it while you draw; the big answer and the bars change as the drawing grows. Undo, Redo and Clear are in the Edit menu; a right-click clears the sheet. [ and ] change the brush, E switches to the eraser.&lt;/p&gt;&lt;h3&gt;Read the answer&lt;/h3&gt;&lt;p&gt;The percentage is a calibrated confidence: of the MNIST digits read with 90 %, about 9 in 10 are right. The bars show it for every digit. When the drawing looks like no digit, or like two, the answer is “?” (not sure) with the network&apos;s best guess. “What the network sees” is your drawing centred and scaled to 28×28 pixels, as the digits of MNIST were.&lt;/p&gt;&lt;h3&gt;Numbers&lt;/h3&gt;&lt;p&gt;Write several digits side by side: each gets a box with its reading. Click a box (without dragging) to show that digit in the panel, the inside view and Compare; ◀ and ▶ under the preview step through the digits.&lt;/p&gt;&lt;h3&gt;Teach it your handwriting&lt;/h3&gt;&lt;p&gt;When an answer is wrong, press the right digit under “Wrong? It is a …” (or ✓ when it is right): the drawing is kept as a sample, and Undo takes it back. With ten samples or more, Model ▸ Fine-tune on My Samples trains the network on them; Model ▸ My Samples lists them.&lt;/p&gt;&lt;h3&gt;Look inside&lt;/h3&gt;&lt;p&gt;View ▸ See Inside the Network shows every layer&apos;s output for the drawing; View ▸ Compare Variants runs both forms of LeNet-5 on it. Model ▸ Train retrains the network on MNIST.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;书写&lt;/h3&gt;&lt;p&gt;用鼠标或手写板在白色画纸上写一个数字。网络会边写边识别；随着笔画增加，大号答案和条形图随之变化。撤销、重做和清除在“编辑”菜单中；右键单击可清空画纸。[ 和 ] 调整画笔大小，E 切换到橡皮擦。&lt;/p&gt;&lt;h3&gt;读懂答案&lt;/h3&gt;&lt;p&gt;百分比是校准后的置信度：在以 90 % 识别的 MNIST 数字中，约有十分之九是对的。条形图显示每个数字的置信度。当手写内容不像任何数字，或像两个数字时，答案为“?”（不确定），并给出网络的最佳猜测。“网络看到的图像”是你的手写数字居中并缩放到 28×28 像素后的样子，与 MNIST 数字的制作方式相同。&lt;/p&gt;&lt;h3&gt;多位数字&lt;/h3&gt;&lt;p&gt;并排写几个数字：每个数字都有一个方框和识别结果。单击方框（不要拖动）即可在面板、网络内部视图和比较窗口中显示该位数字；预览图下方的 ◀ 和 ▶ 可逐位切换。&lt;/p&gt;&lt;h3&gt;让它学会你的笔迹&lt;/h3&gt;&lt;p&gt;答案错误时，在“认错了？它其实是…”下按正确的数字（答案正确时按 ✓）：这幅手写数字会保存为样本，“撤销”可以收回。有十个或更多样本后，“模型 ▸ 用我的样本微调”会用它们训练网络；“模型 ▸ 我的样本”列出所有样本。&lt;/p&gt;&lt;h3&gt;查看内部&lt;/h3&gt;&lt;p&gt;“视图 ▸ 查看网络内部”显示手写数字在每一层的输出；“视图 ▸ 比较两种变体”用 LeNet-5 的两种形式识别同一幅手写数字。“模型 ▸ 训练”在 MNIST 上重新训练网络。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <location filename="../../lenet_gui/gui/inside_panel.py" line="123"/>
        <source>See Inside the Network</source>
        <translation>查看网络内部</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/inside_panel.py" line="126"/>
        <source>Every layer&apos;s output for your drawing. Red is positive, blue negative, white zero; each layer is scaled to its largest value. Hover over a C1 or C3 map to see its filter.</source>
        <translation>你的手写数字在每一层的输出。红色为正，蓝色为负，白色为零；每层按其最大值缩放。将鼠标悬停在 C1 或 C3 的特征图上可查看其卷积核。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/inside_panel.py" line="176"/>
        <source>&lt;b&gt;{part}&lt;/b&gt; of the number on the canvas</source>
        <translation>画布上数字串的&lt;b&gt;{part}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/inside_panel.py" line="193"/>
        <source>Hover over a C1 or C3 map to see the filter weights that made it.</source>
        <translation>将鼠标悬停在 C1 或 C3 的特征图上，可查看生成它的卷积核权重。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/inside_panel.py" line="199"/>
        <source>&lt;b&gt;C1 map {n}&lt;/b&gt;: its 5×5 filter over the image</source>
        <translation>&lt;b&gt;C1 特征图 {n}&lt;/b&gt;：作用于输入图像的 5×5 卷积核</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/inside_panel.py" line="201"/>
        <source>&lt;b&gt;C3 map {n}&lt;/b&gt;: its six 5×5 filters, one per S2 map</source>
        <translation>&lt;b&gt;C3 特征图 {n}&lt;/b&gt;：六个 5×5 卷积核，每个对应一张 S2 特征图</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../../lenet_gui/gui/jobs/mnist.py" line="29"/>
        <source>Downloading MNIST into {root}…</source>
        <translation>正在下载 MNIST 到 {root}…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/jobs/mnist.py" line="39"/>
        <location filename="../../lenet_gui/gui/jobs/training.py" line="45"/>
        <source>Reading MNIST…</source>
        <translation>正在读取 MNIST…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/jobs/training.py" line="56"/>
        <source>Reading your samples and MNIST…</source>
        <translation>正在读取你的样本和 MNIST…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/jobs/images.py" line="47"/>
        <source>unsupported image format</source>
        <translation>不支持的图像格式</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="174"/>
        <source>LeNet-5 Digit Pad</source>
        <translation>LeNet-5 手写数字板</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="92"/>
        <source>No MNIST digits</source>
        <translation>没有 MNIST 数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="28"/>
        <source>&amp;Open Image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="29"/>
        <source>&amp;Save Drawing…</source>
        <translation>保存手写图(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="30"/>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="53"/>
        <source>Use a model trained with the PyTorch tutorial (.pth, .pt) or lenet-gui weights (.safetensors)</source>
        <translation>使用按 PyTorch 教程训练的模型（.pth、.pt）或 lenet-gui 权重（.safetensors）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="31"/>
        <source>E&amp;xport Model…</source>
        <translation>导出模型(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="32"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="33"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="34"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="35"/>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="36"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="37"/>
        <source>&amp;Bigger Brush</source>
        <translation>加粗画笔(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="38"/>
        <source>&amp;Smaller Brush</source>
        <translation>变细画笔(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="39"/>
        <source>&amp;Train…</source>
        <translation>训练(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="40"/>
        <source>&amp;Evaluate on MNIST…</source>
        <translation>在 MNIST 上评估(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="41"/>
        <source>&amp;Reset to Bundled Weights</source>
        <translation>恢复内置权重(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="42"/>
        <source>&amp;Convert Weights to the Other Variant…</source>
        <translation>将权重转换为另一种变体(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="43"/>
        <source>&amp;Compare Variants…</source>
        <translation>比较两种变体(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="44"/>
        <source>Random &amp;MNIST Digit</source>
        <translation>随机 MNIST 数字(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="56"/>
        <source>Put a random digit of the MNIST test set on the canvas (Ctrl+R)</source>
        <translation>把 MNIST 测试集中的一个随机数字放到画布上（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="45"/>
        <source>See &amp;Inside the Network</source>
        <translation>查看网络内部(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="46"/>
        <source>My &amp;Samples…</source>
        <translation>我的样本(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="47"/>
        <source>&amp;Fine-tune on My Samples…</source>
        <translation>用我的样本微调(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="48"/>
        <source>&amp;About LeNet-5 Digit Pad</source>
        <translation>关于 LeNet-5 手写数字板(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="49"/>
        <source>&amp;How to Use</source>
        <translation>使用说明(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="50"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="271"/>
        <source>{v} C5</source>
        <translation>{v} C5</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="102"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="62"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="63"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="64"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="65"/>
        <source>&amp;Variant</source>
        <translation>变体(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="66"/>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="67"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="68"/>
        <source>&amp;Language</source>
        <translation>语言 Language(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="69"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="275"/>
        <source>Drawing</source>
        <translation>绘图</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="276"/>
        <source>  Brush </source>
        <translation>  画笔 </translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_commands.py" line="277"/>
        <source>Brush size ([ and ] change it)</source>
        <translation>画笔粗细（用 [ 和 ] 调整）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="193"/>
        <source>The interface is now in {name}.</source>
        <translation>界面现在是{name}。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="246"/>
        <source>{dash} ms</source>
        <translation>{dash} 毫秒</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="248"/>
        <source>{ms:.1f} ms</source>
        <translation>{ms:.1f} 毫秒</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="242"/>
        <source>Prediction failed: {m}</source>
        <translation>预测失败：{m}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="342"/>
        <source>Your weights could not be used; using the bundled ones</source>
        <translation>无法使用你的权重，改用内置权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="343"/>
        <source>Weights replaced</source>
        <translation>权重已替换</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="351"/>
        <source>Cannot load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="288"/>
        <source>MNIST test image #{i}, labelled {d}</source>
        <translation>MNIST 测试图像 #{i}，标签为 {d}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/main_window.py" line="192"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="74"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="75"/>
        <source>Variant:</source>
        <translation>变体：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="76"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="78"/>
        <location filename="../../lenet_gui/gui/model_choice.py" line="118"/>
        <source>{v} C5</source>
        <translation>{v} C5</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="129"/>
        <source>no weights</source>
        <translation>无权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="130"/>
        <source>{v} C5 · {p:,} params · {a}</source>
        <translation>{v} C5 · {p:,} 个参数 · {a}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="132"/>
        <source>{text} · imported</source>
        <translation>{text} · 已导入</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="155"/>
        <source>weights: {w}</source>
        <translation>权重：{w}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="166"/>
        <source>Already using the bundled weights</source>
        <translation>已在使用内置权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="169"/>
        <source>Stop using your imported {v} C5 model? It is kept as {name}.bak.</source>
        <translation>停止使用你导入的 {v} C5 模型吗？它会保留为 {name}.bak。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="171"/>
        <source>Stop using your retrained {v} C5 weights? They are kept as {name}.bak.</source>
        <translation>停止使用你重新训练的 {v} C5 权重吗？它们会保留为 {name}.bak。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="173"/>
        <source>Reset to bundled weights</source>
        <translation>恢复内置权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/model_choice.py" line="39"/>
        <source>Cannot reset the weights</source>
        <translation>无法恢复权重</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="126"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="243"/>
        <source>What the network sees</source>
        <translation>网络看到的图像</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="127"/>
        <source>In a number, click a digit&apos;s box on the canvas to show that digit here</source>
        <translation>对于多位数字，单击画布上某一位的方框即可在此显示该位</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="128"/>
        <source>Show the digit to the left</source>
        <translation>显示左边一位</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="129"/>
        <source>Show the digit to the right</source>
        <translation>显示右边一位</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="42"/>
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="216"/>
        <source>{p} sure</source>
        <translation>把握 {p}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="217"/>
        <source>Not sure: {reason} (best guess {d}, {p})</source>
        <translation>不确定：{reason}（最可能是 {d}，{p}）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="225"/>
        <source>unsure between digits</source>
        <translation>在几个数字之间拿不准</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="226"/>
        <source>unlike any digit</source>
        <translation>不像任何数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="227"/>
        <source>a filled shape, too small or too thick for a digit</source>
        <translation>是填充的形状：写得太小或笔画太粗，不像数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="163"/>
        <source>Digit {i} of {n}</source>
        <translation>第 {i} 位（共 {n} 位）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="43"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="44"/>
        <source>No model could be loaded</source>
        <translation>无法加载任何模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="132"/>
        <source>Calibrated confidence: the network&apos;s probabilities tempered (temperature scaling fitted on held-out MNIST digits) so that, on MNIST, answers given with 90 % are right about 9 times in 10. The raw output of the network is in View ▸ See Inside the Network. In a number, click a digit&apos;s box on the canvas to show that digit here.</source>
        <translation>校准后的置信度：网络的概率经过温度缩放（在留出的 MNIST 数字上拟合），使在 MNIST 上以 90 % 给出的答案约有十分之九是对的。网络的原始输出见“视图 ▸ 查看网络内部”。对于多位数字，单击画布上某一位的方框即可在此显示该位。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="188"/>
        <source>No digit found: there is no ink in the picture</source>
        <translation>未找到数字：图片中没有笔迹</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="190"/>
        <source>No digit found: the mark is too small or too faint to read</source>
        <translation>未找到数字：笔迹太小或太淡，无法识别</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="228"/>
        <source>more closed loops than a digit has</source>
        <translation>闭合的圈比任何数字都多</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="229"/>
        <source>more strokes side by side than a digit has</source>
        <translation>并排的笔画比任何数字都多</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="230"/>
        <source>flatter than a digit, like a dash</source>
        <translation>比数字扁平，像一条横线</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="240"/>
        <source>{where}: how sure of each digit</source>
        <translation>{where}：各数字的把握</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="241"/>
        <source>“?”: not sure; its % is for its best guess</source>
        <translation>“?”：不确定；其百分比是对最佳猜测的把握</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="244"/>
        <source>How sure of each digit</source>
        <translation>各数字的把握</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="246"/>
        <source>Calibrated confidence, the same as the answer&apos;s</source>
        <translation>校准后的置信度，与答案中的相同</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/prediction_panel.py" line="246"/>
        <source>Network output</source>
        <translation>网络输出</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../lenet_gui/gui/preview.py" line="28"/>
        <source>The 28x28 image the network sees: your drawing centred and scaled like MNIST</source>
        <translation>网络看到的 28×28 图像：你的手写图按 MNIST 的方式居中并缩放</translation>
    </message>
</context>
<context>
    <name>ProbabilityView</name>
    <message>
        <location filename="../../lenet_gui/gui/probability_view.py" line="39"/>
        <source>No digit</source>
        <translation>没有数字</translation>
    </message>
</context>
<context>
    <name>SampleKeeper</name>
    <message>
        <location filename="../../lenet_gui/gui/sample_keeper.py" line="123"/>
        <source>Draw a digit first</source>
        <translation>请先写一个数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/sample_keeper.py" line="127"/>
        <source>Keeping the sample…</source>
        <translation>正在保存样本…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/sample_keeper.py" line="168"/>
        <source>Kept as a sample of {d} ({n} of {d}, {total} in all); Model ▸ Fine-tune learns from them</source>
        <translation>已保存为 {d} 的样本（{d} 共 {n} 个，总计 {total} 个）；“模型 ▸ 微调”会从中学习</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/sample_keeper.py" line="180"/>
        <source>Cannot keep the sample</source>
        <translation>无法保存样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/sample_keeper.py" line="188"/>
        <source>Forgot the sample of {d}</source>
        <translation>已删除 {d} 的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/sample_keeper.py" line="194"/>
        <source>Cannot forget the sample</source>
        <translation>无法删除该样本</translation>
    </message>
</context>
<context>
    <name>Samples</name>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="46"/>
        <source>Fine-tuning needs 1 more sample.</source>
        <translation>微调还需要 1 个样本。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="47"/>
        <source>Fine-tuning needs {m} more samples (at least {min}).</source>
        <translation>微调还需要 {m} 个样本（至少 {min} 个）。</translation>
    </message>
</context>
<context>
    <name>SamplesDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="72"/>
        <source>My Samples</source>
        <translation>我的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="94"/>
        <source>No samples yet. Draw a digit in the main window and press the digit it really is under “Wrong? It is a …” (or ✓ when the answer is right): the drawing is kept here.</source>
        <translation>还没有样本。在主窗口写一个数字，然后在“认错了？它其实是…”下按它真正的数字（答对时按 ✓）：这幅手写图就会保存在这里。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="107"/>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="209"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="108"/>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="110"/>
        <source>Fine-tune on My Samples…</source>
        <translation>用我的样本微调…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="122"/>
        <source>Delete the selected samples (Del)</source>
        <translation>删除选中的样本（Del）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="162"/>
        <source>Cannot read your samples</source>
        <translation>无法读取你的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="156"/>
        <source>Samples index rebuilt</source>
        <translation>已重建样本索引</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="149"/>
        <source>Reading your samples in {root}…</source>
        <translation>正在读取 {root} 中你的样本…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="172"/>
        <source>All digits · {n}</source>
        <translation>全部数字 · {n}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="174"/>
        <source>{d} · {n}</source>
        <translation>{d} · {n}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="175"/>
        <source>{n} samples of {d}</source>
        <translation>{d} 的样本 {n} 个</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="188"/>
        <source>{n} samples in {root}</source>
        <translation>{root} 中有 {n} 个样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="184"/>
        <source>No samples in {root}</source>
        <translation>{root} 中没有样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="175"/>
        <source>1 sample of {d}</source>
        <translation>{d} 的样本 1 个</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="186"/>
        <source>1 sample in {root}</source>
        <translation>{root} 中有 1 个样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="200"/>
        <source>Delete samples</source>
        <translation>删除样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="201"/>
        <source>Delete this sample for good?</source>
        <translation>永久删除这个样本吗？</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="203"/>
        <source>Delete these {n} samples for good?</source>
        <translation>永久删除这 {n} 个样本吗？</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="208"/>
        <source>Fine-tuning learns only from the samples that are kept.</source>
        <translation>微调只会从保留的样本中学习。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="220"/>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="232"/>
        <source>Cannot delete the samples</source>
        <translation>无法删除样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="245"/>
        <source>{d}, stored {when}</source>
        <translation>{d}，保存于 {when}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/samples_dialog.py" line="257"/>
        <source>Teach the network your handwriting with these samples</source>
        <translation>用这些样本让网络学习你的笔迹</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/help_dialogs.py" line="66"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/help_dialogs.py" line="69"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/help_dialogs.py" line="69"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/help_dialogs.py" line="75"/>
        <source>Prediction panel</source>
        <translation>预测面板</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="65"/>
        <source>Train LeNet-5</source>
        <translation>训练 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="113"/>
        <source>Your samples</source>
        <translation>你的样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="118"/>
        <source>Download MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="123"/>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="139"/>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="326"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="140"/>
        <source>Cancel training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="141"/>
        <source>Use these weights</source>
        <translation>使用这些权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="142"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="197"/>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="207"/>
        <source>Too few samples</source>
        <translation>样本太少</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="209"/>
        <source>Fine-tuning needs at least {min} of your samples; you have {n}. Draw digits in the main window and press the digit each one really is under “Wrong? It is a …” (or ✓ when the answer is right), then come back.</source>
        <translation>微调至少需要 {min} 个你的样本，你现在有 {n} 个。请在主窗口写数字，并在“认错了？它其实是…”下按每个数字真正的值（答对时按 ✓），然后再回来。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="231"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="264"/>
        <source>Could not save the weights</source>
        <translation>无法保存权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="256"/>
        <source>Saved to {path}; the app uses them now.</source>
        <translation>已保存到 {path}，程序现在使用它们。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="270"/>
        <source>Discarded; the previous weights stay in use.</source>
        <translation>已丢弃，继续使用之前的权重。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="278"/>
        <source>MNIST is ready.</source>
        <translation>MNIST 已就绪。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="284"/>
        <source>Training finished.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="308"/>
        <source>Failed: {message}</source>
        <translation>失败：{message}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="310"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="314"/>
        <source>Cancelled; the previous weights are unchanged.</source>
        <translation>已取消，之前的权重保持不变。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="302"/>
        <source>reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="249"/>
        <source>Saving to {path}…</source>
        <translation>正在保存到 {path}…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="263"/>
        <source>Not saved: {message}</source>
        <translation>未保存：{message}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="326"/>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="337"/>
        <source>Counting your samples in {root}…</source>
        <translation>正在统计 {root} 中你的样本…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="347"/>
        <source>None yet in {root}.</source>
        <translation>{root} 中还没有。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="349"/>
        <source>1 sample</source>
        <translation>1 个样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="349"/>
        <source>{n} samples</source>
        <translation>{n} 个样本</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="350"/>
        <source>one digit</source>
        <translation>1 个数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="350"/>
        <source>{d} different digits</source>
        <translation>{d} 个不同数字</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="351"/>
        <source>{samples} of {digits} in {root}; {p} % of each digit&apos;s are kept aside to measure on.</source>
        <translation>{root} 中有 {digits}的 {samples}；每个数字留出 {p} % 用于测量。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="376"/>
        <source>Looking in {where}…</source>
        <translation>正在 {where} 中查找…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="384"/>
        <source>Found in {where}</source>
        <translation>位于 {where}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="387"/>
        <source>Not found in {where}. Download it (about 12 MB) or put the four IDX files there.</source>
        <translation>在 {where} 中未找到。请下载（约 12 MB），或把四个 IDX 文件放到那里。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="414"/>
        <source>Press the digit each drawing really is under “Wrong? It is a …” in the main window.</source>
        <translation>请在主窗口的“认错了？它其实是…”下按每幅手写数字真正的数字。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="433"/>
        <source>Stop training?</source>
        <translation>停止训练？</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_dialog.py" line="434"/>
        <source>Training is still running. Stop it? The previous weights stay unchanged.</source>
        <translation>训练仍在进行。要停止吗？之前的权重将保持不变。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="26"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="26"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="27"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="42"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>TrainingProgress</name>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="80"/>
        <source>Epoch %p %</source>
        <translation>本轮 %p %</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="81"/>
        <source>Run %p %</source>
        <translation>总进度 %p %</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="82"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="123"/>
        <source>Training epoch {e} of {n}…</source>
        <translation>正在训练第 {e} 轮，共 {n} 轮…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="128"/>
        <source>loss {loss:.4f}  ·  {ips:,.0f} images/s  ·  {left} left</source>
        <translation>损失 {loss:.4f}  ·  每秒 {ips:,.0f} 张图像  ·  剩余 {left}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="136"/>
        <source> on the first {n:,} test images</source>
        <translation>（前 {n:,} 张测试图像）</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="138"/>
        <source>New test accuracy: &lt;b&gt;{new}&lt;/b&gt;{tested} &amp;nbsp;·&amp;nbsp; current weights: {old}</source>
        <translation>新的测试准确率：&lt;b&gt;{new}&lt;/b&gt;{tested} &amp;nbsp;·&amp;nbsp; 当前权重：{old}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="145"/>
        <source>Fine-tuning finished. Keep the new weights or discard them.</source>
        <translation>微调完成。请选择保留或丢弃新的权重。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="147"/>
        <source>MNIST test: &lt;b&gt;{after}&lt;/b&gt; after, {before} before</source>
        <translation>MNIST 测试：微调后 &lt;b&gt;{after}&lt;/b&gt;，微调前 {before}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="152"/>
        <source>No held-out samples to measure on: add at least 3 samples of a digit.</source>
        <translation>没有留出的样本可供测量：每个数字至少添加 3 个样本。</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="155"/>
        <source>Your {n} held-out samples: &lt;b&gt;{after}&lt;/b&gt; after, {before} before</source>
        <translation>你留出的 {n} 个样本：微调后 &lt;b&gt;{after}&lt;/b&gt;，微调前 {before}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_progress.py" line="161"/>
        <source>Trained on {n} of your samples mixed with MNIST.</source>
        <translation>已用你的 {n} 个样本混合 MNIST 进行训练。</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="44"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="49"/>
        <source>Train from scratch</source>
        <translation>从头训练</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="50"/>
        <source>Fine-tune on my samples</source>
        <translation>用我的样本微调</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="53"/>
        <source>Start from the current weights and train on MNIST mixed with your own samples</source>
        <translation>从当前权重开始，在混入你自己样本的 MNIST 上训练</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="67"/>
        <source>Random shifts, rotations and scaling</source>
        <translation>随机平移、旋转和缩放</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="72"/>
        <source>all {n:,}</source>
        <translation>全部 {n:,} 张</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="73"/>
        <source>Train on only the first N images, for a quick try</source>
        <translation>只用前 N 张图像训练，便于快速尝试</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="76"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="77"/>
        <source>Variant:</source>
        <translation>变体：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="78"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="79"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="80"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="81"/>
        <source>Augmentation:</source>
        <translation>数据增强：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="82"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="83"/>
        <location filename="../../lenet_gui/gui/training_settings.py" line="136"/>
        <source>Training images:</source>
        <translation>训练图像：</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/training_settings.py" line="130"/>
        <source>MNIST images mixed in:</source>
        <translation>混入的 MNIST 图像：</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <location filename="../../lenet_gui/gui/window_dialogs.py" line="60"/>
        <source>Now using your retrained {v} C5 weights</source>
        <translation>现在使用你重新训练的 {v} C5 权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_dialogs.py" line="179"/>
        <source>Saved the converted weights as your {v} C5 weights</source>
        <translation>已把转换后的权重保存为你的 {v} C5 权重</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_dialogs.py" line="186"/>
        <source>About LeNet-5 Digit Pad</source>
        <translation>关于 LeNet-5 手写数字板</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_dialogs.py" line="188"/>
        <source>&lt;h3&gt;LeNet-5 Digit Pad {version}&lt;/h3&gt;&lt;p&gt;Draw a digit; LeNet-5 (LeCun et al., 1998) reads it as you draw. Your drawing is centred and scaled to 28×28 pixels the way MNIST was made, then the network runs in a worker thread.&lt;/p&gt;&lt;p&gt;&lt;b&gt;conv C5&lt;/b&gt;: layer C5 is a 5×5 convolution with 120 maps over the 16@5×5 S4 maps.&lt;br&gt;&lt;b&gt;linear C5&lt;/b&gt;: layer C5 is a fully connected layer 400 → 120 over the flattened S4 maps.&lt;/p&gt;&lt;p&gt;Both have 61,706 parameters and compute exactly the same function; the weights of one convert into the other. Retrain either from Model ▸ Train.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LeNet-5 手写数字板 {version}&lt;/h3&gt;&lt;p&gt;写一个数字，LeNet-5（LeCun 等，1998）会在你书写的同时识别它。你的手写图会像制作 MNIST 时那样居中并缩放到 28×28 像素，然后网络在工作线程中运行。&lt;/p&gt;&lt;p&gt;&lt;b&gt;conv C5&lt;/b&gt;：C5 层是作用于 16@5×5 的 S4 特征图、输出 120 张特征图的 5×5 卷积。&lt;br&gt;&lt;b&gt;linear C5&lt;/b&gt;：C5 层是作用于展平后 S4 特征图的全连接层 400 → 120。&lt;/p&gt;&lt;p&gt;两者都有 61,706 个参数，计算的是完全相同的函数；一种的权重可以转换为另一种。可在“模型 ▸ 训练”中重新训练任意一种。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>WindowFiles</name>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="48"/>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="51"/>
        <source>Exported the model to {path}</source>
        <translation>已将模型导出到 {path}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="54"/>
        <source>Cannot export the model</source>
        <translation>无法导出模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="62"/>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="84"/>
        <source>Cannot open the image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="79"/>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="97"/>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="105"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="107"/>
        <source>Still opening the previous model</source>
        <translation>仍在打开上一个模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="113"/>
        <source>Now using your imported model {name} as {v} C5; Model ▸ Reset returns to the bundled one</source>
        <translation>现在使用你导入的模型 {name}（{v} C5）；“模型 ▸ 恢复内置权重”可回到内置模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="121"/>
        <source>Export Model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="133"/>
        <source>Still exporting the previous model</source>
        <translation>仍在导出上一个模型</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="146"/>
        <source>Save Drawing</source>
        <translation>保存手写图</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="146"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="164"/>
        <source>Cannot save the drawing</source>
        <translation>无法保存手写图</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/window_files.py" line="159"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../lenet_gui/gui/i18n.py" line="95"/>
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/i18n.py" line="98"/>
        <source>your imported {name}</source>
        <translation>你导入的 {name}</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/i18n.py" line="100"/>
        <source>retrained on {date}</source>
        <translation>{date} 重新训练</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/i18n.py" line="107"/>
        <source>C5 as a 5x5 convolution, 16@5x5 -&gt; 120@1x1</source>
        <translation>C5 为 5×5 卷积，16@5×5 → 120@1×1</translation>
    </message>
    <message>
        <location filename="../../lenet_gui/gui/i18n.py" line="108"/>
        <source>C5 as a fully connected layer, 400 -&gt; 120</source>
        <translation>C5 为全连接层，400 → 120</translation>
    </message>
</context>
</TS>
