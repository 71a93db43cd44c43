"""The files to take away: the inspector-general's visit brief, an A4 PDF of a province or of a
whole inspection region (``document``), and the seminar deck as PowerPoint and a 16:9 PDF
(``deck``), both drawn with ``charts``; ``files`` names them. The renderers load WeasyPrint,
matplotlib and python-pptx (about 60 MB and a third of a second): the pages import only
``files`` and ``download``, and the renderers are imported when a file is built."""
