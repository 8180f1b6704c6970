package io.qunguan.notification.domain.notices;

/** How a notice reaches its person. */
public enum Channel {
    /** A message from Qunguan's app on the person's IM platform. */
    IM,
    /** An e-mail to the address the directory has for them. */
    EMAIL,
    /** A post in a group's chat by Qunguan's app, for the notices of a group rather than a person. */
    CHAT
}
