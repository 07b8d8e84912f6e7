// AdminJS's toasts, always in French. A failed request (a 500, a lost connection) made AdminJS show an English
// sentence of its own, and every notice is looked up as a translation key (a French sentence with dots or a
// colon reads as a key path). Here a notice that is a key of admin/locale.ts is translated, any other text (our
// French messages) is shown as written, and AdminJS's English fallback becomes French.
import React, { useEffect } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { Box, MessageBox } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const REQUEST_FAILED = 'There was an error updating record, Check out console to see more information.';
const SHOWN_MS = 5000;

function useNoticeText(notice) {
  const { i18n, translateMessage } = useTranslation();
  const key = String(notice.message ?? '');
  if (key === REQUEST_FAILED) return translateMessage('requestFailed');
  const known =
    /^[A-Za-z0-9_]+$/.test(key) &&
    (i18n.exists(`messages.${key}`) || i18n.exists(`resources.${notice.resourceId}.messages.${key}`));
  return known ? translateMessage(key, notice.resourceId, notice.options) : key;
}

const Notice = ({ notice, drop }) => {
  const message = useNoticeText(notice);
  useEffect(() => {
    const timer = window.setTimeout(drop, SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [notice.id]);
  return (
    <MessageBox
      style={{ minWidth: '480px' }}
      message={message}
      variant={notice.type === 'error' ? 'danger' : (notice.type ?? 'info')}
      onCloseClick={drop}
      role={notice.type === 'error' ? 'alert' : 'status'}
    >
      {notice.body}
    </MessageBox>
  );
};

const NoticeBox = () => {
  const notices = useSelector((state) => state.notices);
  const dispatch = useDispatch();
  if (!notices.length) return null;
  return (
    <Box
      data-testid="notice-wrapper"
      data-css="notice-wrapper"
      flex
      flexDirection="column"
      p="sm"
      style={{ gap: 4 }}
    >
      {notices.map((notice) => (
        <Notice
          key={notice.id}
          notice={notice}
          drop={() => dispatch({ type: 'DROP_NOTICE', data: { noticeId: notice.id } })}
        />
      ))}
    </Box>
  );
};

export default NoticeBox;
