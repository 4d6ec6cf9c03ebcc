# The Debian package of the server: `cmake --build build/release --target package`, or
# `cpack -G DEB` in a build folder. Installs the binary (the web client is embedded in it, and the
# PDF fonts are read from PHONGTHI_FONT_DIR, Debian's own DejaVu folder), the systemd unit, the
# default configuration (a conffile) and the LAN guide. The /etc and /lib paths are absolute
# because they are the Debian layout whatever the install prefix.
install(FILES deploy/systemd/phongthi.service DESTINATION /lib/systemd/system)
install(FILES deploy/phongthi.json DESTINATION /etc/phongthi)
install(FILES README.md docs/DEPLOY.md DESTINATION share/doc/phongthi)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME phongthi)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "PhòngThi")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Máy chủ thi trắc nghiệm trên mạng LAN / LAN exam server for a classroom")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Máy chủ thi trắc nghiệm trên mạng LAN / LAN exam server for a classroom
 PhòngThi chạy trên một máy của phòng máy; máy thí sinh chỉ cần trình duyệt.
 Mỗi câu trả lời được lưu ngay, máy chủ giữ giờ thi, chấm điểm và in báo cáo.
 .
 PhòngThi runs on one PC of the classroom; candidate PCs need only a browser.
 Every answer is saved durably the moment it is given; the server keeps the
 clock, grades, ranks and writes the reports. Runs as the systemd service
 phongthi (user phongthi, data in /var/lib/phongthi, settings in
 /etc/phongthi/phongthi.json).")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "PhòngThi maintainers <phongthi@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Shared libraries by dpkg-shlibdeps; then what the binary opens or the scripts run: the DejaVu
# faces of the PDFs (regular and bold in -core, italic and oblique in -extra), adduser for the
# service user, deb-systemd-helper/-invoke of init-system-helpers.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-dejavu-extra, adduser, init-system-helpers")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/deploy/debian/conffiles;${PROJECT_SOURCE_DIR}/deploy/debian/postinst;${PROJECT_SOURCE_DIR}/deploy/debian/prerm;${PROJECT_SOURCE_DIR}/deploy/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
