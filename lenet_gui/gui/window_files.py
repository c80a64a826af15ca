"""The main window's files: open an image, save the drawing, open a model (menu or drop), export the model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lenet_gui.core.paths import data_dir
from lenet_gui.errors import ImageError
from lenet_gui.gui.jobs.images import ImageRunner, OpenedImage, read_image_job, write_drawing_job
from lenet_gui.gui.jobs.model_files import OpenedModel, WriteRunner
from lenet_gui.gui.model_files import ModelFiles, export_format, is_model_file
from lenet_gui.gui.task_runner import failure_message

if TYPE_CHECKING:
    from lenet_gui.gui.main_window import MainWindow

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)"
MODEL_FILTER = "Models (*.pth *.pt *.safetensors);;All files (*)"
ONNX_FILTER = "ONNX model (*.onnx)"
TUTORIAL_FILTER = "PyTorch state dict in the tutorial's layout (*.pth)"


class WindowFiles(QObject):
    """Files in and out of ``window``; model files are read and written by :class:`ModelFiles` in a worker."""

    imageOpened = Signal(str)  # the path, once the image is on the canvas
    imageFailed = Signal()  # after saying why in a dialog
    drawingSaved = Signal(str)  # the path written
    drawingFailed = Signal()  # after saying why in a dialog

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._imageReader = ImageRunner("open image", self)
        self._imageReader.succeeded.connect(self._on_image_read)
        self._imageReader.failed.connect(self._on_image_unreadable)
        self._drawingWriter = WriteRunner("save drawing", self)
        self._drawingWriter.succeeded.connect(self._on_drawing_saved)
        self._drawingWriter.failed.connect(self._on_drawing_not_saved)
        self.modelFiles = ModelFiles(self)
        self.modelFiles.opened.connect(self._on_model_opened)
        self.modelFiles.openFailed.connect(
            lambda message: window.show_message(QMessageBox.Icon.Critical, self.tr("Cannot open the model"), message)
        )
        self.modelFiles.exported.connect(
            lambda path: self._say(self.tr("Exported the model to {path}").format(path=path), 8000)
        )
        self.modelFiles.exportFailed.connect(
            lambda message: window.show_message(QMessageBox.Icon.Critical, self.tr("Cannot export the model"), message)
        )

    def _say(self, message: str, ms: int) -> None:
        self._window.statusBar().showMessage(message, ms)

    @Slot()
    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open Image"), "", self.tr(IMAGE_FILTER))
        if path:
            self.open_image(path)

    @Slot(str)
    def open_image(self, path: str) -> None:
        """Read the image at ``path`` in a worker, then put it on the canvas (undoable); errors go to a dialog.
        The newest image asked for wins."""
        self._imageReader.start(read_image_job(Path(path)))

    @Slot(OpenedImage)
    def _on_image_read(self, opened: OpenedImage) -> None:
        try:
            self._window.canvas.set_picture(opened.pixels)
        except ValueError as exc:
            self._on_image_unreadable(ImageError(f"{opened.path}: {exc}"))
            return
        self._say(self.tr("Opened {name}").format(name=opened.path.name), 5000)
        self.imageOpened.emit(str(opened.path))

    @Slot(Exception)
    def _on_image_unreadable(self, error: Exception) -> None:
        self._window.show_message(QMessageBox.Icon.Warning, self.tr("Cannot open the image"), failure_message(error))
        self.imageFailed.emit()

    @Slot(str)
    def open_file(self, path: str) -> None:
        """Open a dropped file: a model file (.pth, .pt, .safetensors) as the model, anything else as an image."""
        if is_model_file(path):
            self.open_model(path)
        else:
            self.open_image(path)

    @Slot()
    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open Model"), "", self.tr(MODEL_FILTER))
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> bool:
        """Read a model file in a worker and make it the user's weights of its variant; errors go to a dialog."""
        started = self.modelFiles.open(Path(path), data_dir())
        if started:
            self._window.statusBar().showMessage(self.tr("Opening {name}…").format(name=Path(path).name))
        else:
            self._say(self.tr("Still opening the previous model"), 5000)
        return started

    @Slot(object)
    def _on_model_opened(self, opened: OpenedModel) -> None:
        self._window.use_saved_weights(opened.variant)
        message = self.tr("Now using your imported model {name} as {v} C5; Model ▸ Reset returns to the bundled one")
        self._say(message.format(name=opened.source.name, v=opened.variant), 10_000)

    @Slot()
    def choose_export_path(self) -> None:
        variant = self._window.variant
        filters = f"{self.tr(ONNX_FILTER)};;{self.tr(TUTORIAL_FILTER)}"
        path, chosen = QFileDialog.getSaveFileName(
            self._window, self.tr("Export Model"), f"lenet5_{variant}.onnx", filters
        )
        if path:
            self.export_model(path, export_format(path, "onnx" if chosen == self.tr(ONNX_FILTER) else "tutorial"))

    def export_model(self, path: str, fmt: str) -> bool:
        """Write the active weights in a worker as ONNX or as the tutorial's state dict ("onnx", "tutorial").

        A name without an extension gets the format's (.onnx, .pth).
        """
        started = self.modelFiles.export(self._window.variant, fmt, Path(path))
        if not started:
            self._say(self.tr("Still exporting the previous model"), 5000)
        return started

    @staticmethod
    def dropped_model(event: QDragEnterEvent | QDropEvent) -> str | None:
        """The model file dragged over the window, None when it is not one."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        path = urls[0].toLocalFile() if urls and urls[0].isLocalFile() else ""
        return path if is_model_file(path) else None

    @Slot()
    def choose_save_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Save Drawing"), "digit.png", self.tr("PNG image (*.png)")
        )
        if path:
            self.save_drawing(path)

    def save_drawing(self, path: str) -> None:
        """Save the drawing as an image, in a worker and atomically (a temporary file, then a rename); errors go to a
        dialog. A name without an extension gets ".png", so that Open Image lists the file."""
        target = Path(path) if Path(path).suffix else Path(path + ".png")
        self._drawingWriter.start(write_drawing_job(self._window.canvas.image(), target))

    @Slot(Path)
    def _on_drawing_saved(self, path: Path) -> None:
        self._say(self.tr("Saved {path}").format(path=path), 5000)
        self.drawingSaved.emit(str(path))

    @Slot(Exception)
    def _on_drawing_not_saved(self, error: Exception) -> None:
        self._window.show_message(QMessageBox.Icon.Warning, self.tr("Cannot save the drawing"), failure_message(error))
        self.drawingFailed.emit()

    def stop(self) -> None:
        """Wait for the file workers to end (none can be interrupted midway; each takes a moment)."""
        self.modelFiles.stop()
        self._imageReader.stop()
        self._drawingWriter.stop()
