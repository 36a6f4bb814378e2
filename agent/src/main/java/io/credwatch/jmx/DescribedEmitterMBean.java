package io.credwatch.jmx;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/**
 * An MXBean whose MBeanInfo carries descriptions and legal values, and whose notifications
 * come from {@code emitter}: every credwatch bean sends notifications, and StandardEmitterMBean
 * is the JDK's way to pair an MXBean with an emitter.
 */
final class DescribedEmitterMBean extends StandardEmitterMBean {

    private final Descriptions descriptions;

    <T> DescribedEmitterMBean(T implementation, Class<T> mxbeanInterface, NotificationEmitter emitter,
                              Descriptions descriptions) {
        super(implementation, mxbeanInterface, true, emitter);
        this.descriptions = descriptions;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return descriptions.bean();
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return descriptions.member(info.getName(), info.getDescription());
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return descriptions.member(info.getName(), info.getDescription());
    }

    /** As {@link javax.management.StandardMBean}: every operation acts and answers with what it found. */
    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return MBeanOperationInfo.ACTION_INFO;
    }

    /** The derived info (cached by the JDK) with the attributes' legal values added. */
    @Override
    public MBeanInfo getMBeanInfo() {
        return descriptions.withLegalValues(super.getMBeanInfo());
    }
}
